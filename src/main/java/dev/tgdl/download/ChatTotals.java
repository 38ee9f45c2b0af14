package dev.tgdl.download;

import java.util.OptionalLong;

/**
 * What a chat holds for a selection of media types, for progress and ETA.
 *
 * @param files media messages Telegram counts for the selection (-1 when unknown)
 * @param bytes their total size, known once a full scan has seen them all
 */
public record ChatTotals(long files, OptionalLong bytes) {

    public static final ChatTotals UNKNOWN = new ChatTotals(-1, OptionalLong.empty());
}
