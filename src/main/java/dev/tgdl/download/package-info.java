/**
 * The engine: {@link dev.tgdl.download.MediaDownloader} downloads the media of chats in four stages
 * (scan, select, fetch, place) as fast as the account allows and no faster, steered by a
 * {@link dev.tgdl.download.DownloadPolicy} ({@code adaptive}, {@code design} or {@code fixed}, named
 * in {@link dev.tgdl.download.Policies}), and reports a {@link dev.tgdl.download.DownloadReport}, the
 * stats document. It works only through ports: the {@code telegram.Telegram} port (wrapped in
 * {@code pacing.PacedTelegram}), a {@link dev.tgdl.download.Ledger} (the archive implements it), a
 * {@link dev.tgdl.download.FileSink} and a {@link dev.tgdl.download.ProgressListener}; time comes
 * only from the injected {@code time.TimeSource}.
 *
 * <p>May import: {@code naming}, {@code pacing}, {@code telegram}, {@code time}.
 */
package dev.tgdl.download;
