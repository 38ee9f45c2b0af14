package dev.tgdl.sim;

import java.util.stream.LongStream;
import java.util.stream.Stream;

/** The model of a simulated channel: what tests and benchmarks know SHOULD be downloaded. */
public interface SimChannel {

    String title();

    /** TDLib's chat id: -100 followed by the channel id. */
    long chatId();

    /** Messages the channel has after {@code run} client starts (1 = the first). */
    int messageCount(int run);

    /** Every downloadable file of the channel at {@code run}, oldest first, generated as streamed. */
    Stream<SimMedia> media(int run);

    /**
     * Every downloadable file of the channel at {@code run} once it has made {@code posts} live posts
     * ({@code post_every}), oldest first.
     */
    Stream<SimMedia> media(int run, int posts);

    /** The server ids of every message the channel has at {@code run} (media or not), oldest first. */
    LongStream messageIds(int run);

    /** The forum topic of a message of a forum (1 for General), 0 for a chat that is no forum. */
    long topicOf(long messageId);

    /** For a discussion group: the server id of the channel post a message of the group belongs to; 0 otherwise. */
    long postOf(long messageId);

    /** The parts TDLib downloads a file of {@code size} bytes in (64 KiB to 512 KiB each). */
    static long parts(long size) {
        long part = Transfers.partSize(size);
        return Math.max(1, (size + part - 1) / part);
    }
}
