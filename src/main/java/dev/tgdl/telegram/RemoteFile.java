package dev.tgdl.telegram;

/**
 * A file as Telegram knows it.
 *
 * @param fileId   TDLib's id of the file in this session (it changes across restarts)
 * @param uniqueId the stable id of the file ({@code remote.unique_id}): key state on this
 * @param size     size in bytes (0 when unknown)
 */
public record RemoteFile(int fileId, String uniqueId, long size) {
}
