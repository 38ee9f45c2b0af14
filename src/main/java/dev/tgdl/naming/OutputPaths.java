package dev.tgdl.naming;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Places rendered paths under the output folder, and proves they stay inside it. */
public final class OutputPaths {

    private OutputPaths() {
    }

    /**
     * {@code root/relative}, normalised.
     *
     * @throws IllegalArgumentException when the result would lie outside {@code root}, lexically or
     *                                  through a symbolic link inside it that points elsewhere
     */
    public static Path resolveInside(Path root, Path relative) {
        Path base = root.toAbsolutePath().normalize();
        if (relative.isAbsolute() || relative.getRoot() != null) {
            throw new IllegalArgumentException("path " + relative + " is absolute; refusing to write outside " + base);
        }
        Path target = base.resolve(relative).normalize();
        if (!target.startsWith(base) || target.equals(base)) {
            throw new IllegalArgumentException("path " + relative + " leaves the output folder " + base);
        }
        // a symlinked folder inside the output can still point outside it: check what exists for real
        try {
            Path realBase = Files.exists(base) ? base.toRealPath() : base;
            Path existing = target.getParent();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null && existing.startsWith(base) && !existing.toRealPath().startsWith(realBase)) {
                throw new IllegalArgumentException("path " + relative + " goes through a link that leaves the output folder " + base);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot check " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /**
     * Another name for a file whose first choice is taken by a different file: the name with
     * {@code ~} and 8 hex digits of a hash of the file's unique id before the extension. Deterministic,
     * so a later run finds the same name again.
     */
    public static Path disambiguate(Path candidate, String uniqueId) {
        String name = candidate.getFileName().toString();
        return candidate.resolveSibling(FileNames.withSuffix(name, "~" + shortHash(uniqueId)));
    }

    static String shortHash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
