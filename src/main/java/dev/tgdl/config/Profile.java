package dev.tgdl.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A profile: one Telegram session and everything tgdl keeps for it, in
 * {@code $XDG_DATA_HOME/tgdl/<name>} (default {@code ~/.local/share/tgdl/<name>}). Simulated runs
 * keep theirs apart, under {@code simulated/<scenario>/<name>}, so a demo never touches a real session.
 *
 * @param name      the profile's name ({@code --profile}, default {@code default})
 * @param home      the profile's folder
 * @param simulated whether this is a simulator profile
 */
public record Profile(String name, Path home, boolean simulated) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /**
     * The profile {@code name} under the XDG data folder of {@code environment}.
     *
     * @param simulation the scenario key when running against the simulator, empty for the real TDLib
     * @throws ConfigException for a name that is not a plain folder name
     */
    public static Profile resolve(String name, Map<String, String> environment, Optional<String> simulation) {
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException("bad profile name '" + name + "': use letters, digits, '.', '_' or '-' (at most 64, not starting with '.')");
        }
        Path root = dataHome(environment).resolve("tgdl");
        if (simulation.isPresent()) {
            return new Profile(name, root.resolve("simulated").resolve(simulation.get()).resolve(name), true);
        }
        return new Profile(name, root.resolve(name), false);
    }

    /** {@code $XDG_DATA_HOME}, else {@code ~/.local/share}. */
    public static Path dataHome(Map<String, String> environment) {
        return xdg(environment, "XDG_DATA_HOME", ".local/share");
    }

    /** {@code $XDG_CONFIG_HOME/tgdl/config.yaml}, else {@code ~/.config/tgdl/config.yaml}. */
    public static Path defaultConfigFile(Map<String, String> environment) {
        return xdg(environment, "XDG_CONFIG_HOME", ".config").resolve("tgdl").resolve("config.yaml");
    }

    private static Path xdg(Map<String, String> environment, String variable, String fallback) {
        String value = environment.get(variable);
        // the XDG spec: a relative path in these variables is invalid and must be ignored
        if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) {
            return Path.of(value);
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home).resolve(fallback);
    }

    /** TDLib's database folder (the session): created owner-only. */
    public Path tdlibDatabase() {
        return home.resolve("tdlib").resolve("db");
    }

    /** TDLib's files folder: where downloads land before tgdl moves them into place. */
    public Path tdlibFiles() {
        return home.resolve("tdlib").resolve("files");
    }

    public Path logDirectory() {
        return home.resolve("logs");
    }

    /** TDLib's own log. */
    public Path tdlibLog() {
        return logDirectory().resolve("tdlib.log");
    }

    /** tgdl's rolling log. */
    public Path logFile() {
        return logDirectory().resolve("tgdl.log");
    }

    /** The archive manifest (SQLite). */
    public Path manifest() {
        return home.resolve("manifest.db");
    }

    /** The run lock: one run per profile at a time. */
    public Path lockFile() {
        return home.resolve("run.lock");
    }

    /**
     * Creates the profile's folders; the profile folder and the session folder are owner-only (0700)
     * because the session is as good as the account's password.
     *
     * @throws ConfigException when the folders cannot be created
     */
    public void createFolders() {
        try {
            createPrivate(home);
            createPrivate(home.resolve("tdlib"));
            createPrivate(tdlibDatabase());
            Files.createDirectories(tdlibFiles());
            Files.createDirectories(logDirectory());
        } catch (IOException e) {
            throw new ConfigException("cannot create the profile folder " + home + ": " + e.getMessage());
        }
    }

    private static void createPrivate(Path dir) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createDirectories(dir);
            }
        }
        if (posix) {
            // also tighten a folder created earlier by hand or by an older version
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        }
    }
}
