package dev.tgdl.telegram;

/** Progress of one download. Called from the TDLib receive thread: must be quick and must not block. */
@FunctionalInterface
public interface DownloadListener {

    /**
     * @param downloaded bytes downloaded so far (TDLib's downloaded_size: parts may finish out of order)
     * @param total      the file's size, 0 if unknown
     */
    void onProgress(long downloaded, long total);
}
