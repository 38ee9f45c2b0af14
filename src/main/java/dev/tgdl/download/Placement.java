package dev.tgdl.download;

import java.nio.file.Path;

/**
 * Where a file goes.
 *
 * @param target  its final path, inside the output folder
 * @param present a complete copy is already there (same size): nothing to download
 * @param replace the file there is this item's but damaged (a --full check found it truncated):
 *                the new copy replaces it
 */
public record Placement(Path target, boolean present, boolean replace) {

    public Placement(Path target, boolean present) {
        this(target, present, false);
    }
}
