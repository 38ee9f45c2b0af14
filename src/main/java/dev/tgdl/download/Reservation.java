package dev.tgdl.download;

import dev.tgdl.telegram.MediaItem;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An item's reserved place in the output folder, from selection until the file is committed or
 * given up. Closing it gives the place up unless the file was committed: every path of the engine
 * ends in exactly one close (try-with-resources), so a place is never held by a file that is gone,
 * nor given up twice.
 */
final class Reservation implements AutoCloseable {

    private final FileSink sink;
    private final MediaItem item;
    private final Placement placement;
    private boolean done;

    Reservation(FileSink sink, MediaItem item, Placement placement) {
        this.sink = sink;
        this.item = item;
        this.placement = placement;
    }

    MediaItem item() {
        return item;
    }

    Placement placement() {
        return placement;
    }

    /** Moves TDLib's finished copy into the reserved place; the reservation is then spent. */
    synchronized Path commit(Path downloaded) throws IOException {
        if (done) {
            throw new IllegalStateException("reservation of " + item.describe() + " already ended");
        }
        Path target = sink.commit(item, placement, downloaded);
        done = true;
        return target;
    }

    /** Links (or copies) an archived copy into the reserved place; the reservation is then spent. */
    synchronized Path link(Path existing) throws IOException {
        if (done) {
            throw new IllegalStateException("reservation of " + item.describe() + " already ended");
        }
        Path target = sink.link(item, placement, existing);
        done = true;
        return target;
    }

    @Override
    public synchronized void close() {
        if (!done) {
            done = true;
            sink.release(placement);
        }
    }
}
