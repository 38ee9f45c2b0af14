package dev.tgdl.download;

import dev.tgdl.telegram.MediaItem;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where downloaded files go. The engine asks where a file belongs before downloading it, and hands
 * over TDLib's finished copy to be moved into place; it never builds paths itself.
 */
public interface FileSink {

    /**
     * Decides the final path of an item and whether a complete copy is already there. Reserves the
     * path for this item until {@link #commit} or {@link #release}, so two items of one run never
     * share a name.
     */
    Placement place(MediaItem item) throws IOException;

    /**
     * Moves TDLib's finished copy into place. The file appears under its final name only complete.
     *
     * @return the final path
     */
    Path commit(MediaItem item, Placement placement, Path downloaded) throws IOException;

    /** Gives up a reservation (the download failed). */
    void release(Placement placement);

    /**
     * Places, for a duplicate item, a link to (or a copy of) a file archived before.
     *
     * @return the final path
     */
    Path link(MediaItem item, Placement placement, Path existing) throws IOException;
}
