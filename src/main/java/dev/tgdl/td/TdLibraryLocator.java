package dev.tgdl.td;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds libtdjson, in order: an explicit path ({@code --tdjson} or the {@code tdjson} config key),
 * the {@code TGDL_TDJSON} environment variable, {@code native/<os>-<arch>/} beside the install,
 * then the system library path.
 */
public final class TdLibraryLocator {

    /** What a user can do when no library is found; part of every "not found" message. */
    public static final String HOW_TO_FIX =
            "pass --tdjson PATH, set TGDL_TDJSON, run native/fetch-tdjson.sh to install it under native/, "
                    + "or put libtdjson on the system library path";

    private final Optional<Path> explicit;
    private final Optional<String> environment;
    private final Optional<Path> installHome;

    /**
     * @param explicit    the path from {@code --tdjson} or config, if any
     * @param environment the value of {@code TGDL_TDJSON}, if set
     * @param installHome the tgdl installation folder (holding {@code native/}), if known
     */
    public TdLibraryLocator(Optional<Path> explicit, Optional<String> environment, Optional<Path> installHome) {
        this.explicit = explicit;
        this.environment = environment.filter(s -> !s.isBlank());
        this.installHome = installHome;
    }

    /** The platform folder name used under {@code native/}, e.g. {@code linux-x64}. */
    public static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osPart = os.contains("mac") ? "macos" : os.contains("win") ? "win32" : "linux";
        String archPart = switch (arch) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        return osPart + "-" + archPart;
    }

    /**
     * Loads the first library found.
     *
     * @throws TdLibraryException naming the options when none is found or the one found cannot be loaded
     */
    public NativeTdJson load() {
        if (explicit.isPresent()) {
            return loadFile(explicit.get(), "--tdjson");
        }
        if (environment.isPresent()) {
            return loadFile(Path.of(environment.get()), "TGDL_TDJSON");
        }
        String fileName = System.mapLibraryName("tdjson");
        if (installHome.isPresent()) {
            Path bundled = installHome.get().resolve("native").resolve(platform()).resolve(fileName);
            if (Files.isRegularFile(bundled)) {
                return loadFile(bundled, "native/" + platform());
            }
        }
        List<String> tried = new ArrayList<>();
        installHome.ifPresent(home -> tried.add(home.resolve("native").resolve(platform()).toString()));
        try {
            return NativeTdJson.loadFromSystemPath(fileName);
        } catch (TdLibraryException e) {
            tried.add("the system library path");
            throw new TdLibraryException("libtdjson not found (looked in " + String.join(", ", tried) + "): " + HOW_TO_FIX, e);
        }
    }

    private static NativeTdJson loadFile(Path path, String origin) {
        if (!Files.isRegularFile(path)) {
            throw new TdLibraryException("libtdjson not found at " + path + " (from " + origin + "): " + HOW_TO_FIX);
        }
        try {
            return NativeTdJson.load(path);
        } catch (TdLibraryException e) {
            throw new TdLibraryException(e.getMessage() + " (from " + origin + "): " + HOW_TO_FIX, e);
        }
    }

    /**
     * The installation folder: the {@code tgdl.home} system property (set by bin/tgdl), else the
     * folder above the one holding tgdl's jar or classes.
     */
    public static Optional<Path> detectInstallHome() {
        String property = System.getProperty("tgdl.home");
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property));
        }
        try {
            var source = TdLibraryLocator.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI());
            // target/tgdl.jar or target/classes: the install home is above target/
            Path target = location.getParent();
            return target == null ? Optional.empty() : Optional.ofNullable(target.getParent());
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
