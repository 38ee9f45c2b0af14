package dev.tgdl.download;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tgdl.telegram.MediaType;
import dev.tgdl.time.TimeSource;
import java.time.Duration;
import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Per-chat totals (files, and bytes once a full scan has seen them) for a selection of types, kept
 * five minutes, at most 100 chats: archive jobs that share chats, and the progress view's ETA, ask
 * Telegram for them once. Runs on tgdl's clock, so entries expire in simulated time too.
 */
public final class SizeCache {

    /** A chat and a selection of types. */
    private record Key(long chatId, Set<MediaType> types) {
    }

    private final Cache<Key, ChatTotals> cache;

    public SizeCache(TimeSource clock) {
        Ticker ticker = clock::nanos;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofMinutes(5))
                .maximumSize(100)
                .ticker(ticker)
                .build();
    }

    /** The totals of a chat, computed with {@code count} when not cached. */
    public ChatTotals totals(long chatId, Set<MediaType> types, Supplier<ChatTotals> count) {
        return cache.get(new Key(chatId, copy(types)), k -> count.get());
    }

    /** Records the bytes a complete scan of the chat found. */
    public void recordBytes(long chatId, Set<MediaType> types, long files, long bytes) {
        cache.asMap().merge(new Key(chatId, copy(types)), new ChatTotals(files, OptionalLong.of(bytes)),
                (old, fresh) -> new ChatTotals(Math.max(old.files(), fresh.files()), fresh.bytes()));
    }

    private static Set<MediaType> copy(Set<MediaType> types) {
        return types.isEmpty() ? EnumSet.noneOf(MediaType.class) : EnumSet.copyOf(types);
    }
}
