package dev.tgdl.naming;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** Joins a rendered relative path to the output root and proves it stays inside. */
public final class OutputPaths {

    /** How many characters of the unique id {@link #disambiguate} appends. */
    static final int TAG_CHARS = 8;

    private OutputPaths() {
    }

    /**
     * Resolves a relative path against the output folder, refusing any result outside it.
     *
     * <p>Two checks: lexically, after normalising, the path must be below the root; and on disk, the
     * real path of the deepest part that exists must be below the root's real path, so a symbolic link
     * inside the folder that points outside (or a dangling one, which writing would follow) is an
     * escape too. The root itself may be a link. The check runs before the write, so a link planted
     * between the two is not caught: the output folder is assumed not to be shared with an attacker.
     *
     * @param root     the output folder; need not exist yet
     * @param relative a relative path, typically from {@link PathTemplate#render}
     * @return the normalised absolute path, strictly below the normalised absolute root
     * @throws IllegalArgumentException when {@code relative} is absolute or the result would be outside
     *                                  the root or the root itself
     * @throws UncheckedIOException     when the file system cannot tell where a path really leads
     */
    public static Path resolveInside(Path root, Path relative) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(relative, "relative");
        if (relative.isAbsolute() || relative.getRoot() != null) {
            throw new IllegalArgumentException(String.format(
                    "path %s is absolute; it must be relative to the output folder %s", show(relative), show(root)));
        }
        Path base = root.toAbsolutePath().normalize();
        Path target = base.resolve(relative).normalize();
        if (!target.startsWith(base) || target.equals(base)) {
            throw new IllegalArgumentException(String.format(
                    "path %s escapes the output folder %s", show(relative), show(base)));
        }
        Path realBase = realPath(base);
        Path realTarget = realPath(target);
        if (!realTarget.startsWith(realBase) || realTarget.equals(realBase)) {
            throw new IllegalArgumentException(String.format(
                    "path %s leaves the output folder %s through a symbolic link (it leads to %s)",
                    show(relative), show(base), show(realTarget)));
        }
        return target;
    }

    /**
     * The name to use when {@code candidate} is taken by another file: {@code "x.jpg"} becomes
     * {@code "x~<tag>.jpg"}, the tag being {@value #TAG_CHARS} hex digits of a hash of the unique id.
     * Deterministic, so a later run finds the file again; within
     * {@link FileNames#MAX_COMPONENT_BYTES}, the stem being cut when needed.
     *
     * @param candidate the path that is taken
     * @param uniqueId  the TDLib unique id of the file that needs a place
     * @return {@code candidate} with the tag inserted into its last component
     * @throws IllegalArgumentException when {@code candidate} has no file name
     */
    public static Path disambiguate(Path candidate, String uniqueId) {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(uniqueId, "uniqueId");
        Path name = candidate.getFileName();
        if (name == null) {
            throw new IllegalArgumentException(String.format("path %s has no file name to disambiguate", show(candidate)));
        }
        return candidate.resolveSibling(FileNames.withSuffix(name.toString(), "~" + tag(uniqueId)));
    }

    /**
     * Eight hex digits of a SHA-256 of the unique id: Telegram's unique ids of one kind of file share
     * a long prefix, so their first characters would not tell them apart.
     */
    static String tag(String uniqueId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(uniqueId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, TAG_CHARS / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /**
     * Where an absolute, normalised path really leads: the real path of its deepest existing part
     * (links followed), with the parts that do not exist yet appended.
     */
    private static Path realPath(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path));
        } catch (NoSuchFileException e) {
            // it exists as a link but its target does not: writing through it would create the target,
            // wherever that is
            throw new IllegalArgumentException(String.format(
                    "%s is a symbolic link to a missing target; it could lead outside the output folder", show(existing)), e);
        } catch (IOException e) {
            throw new UncheckedIOException(String.format("cannot resolve the real path of %s", show(existing)), e);
        }
    }

    private static String show(Path path) {
        return FileNames.quote(path.toString());
    }
}
