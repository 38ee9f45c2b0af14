package dev.tgdl.download;

import dev.tgdl.telegram.MediaItem;

/**
 * A file selected for download: the item, its reserved place, and the source it came from.
 *
 * @param item        the file and its message
 * @param reservation its place in the output folder (closed when the work ends, whatever the outcome)
 * @param source      the per-source counters
 */
record Work(MediaItem item, Reservation reservation, SourceStats source) {
}
