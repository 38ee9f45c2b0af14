package dev.tgdl.download;

import java.nio.file.Path;

/**
 * Where a file goes.
 *
 * @param target  its final path, inside the output folder
 * @param present a complete copy is already there (same size): nothing to download
 */
public record Placement(Path target, boolean present) {
}
