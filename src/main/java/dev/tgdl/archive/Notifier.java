package dev.tgdl.archive;

import dev.tgdl.pacing.Jitter;
import dev.tgdl.pacing.RateLimiter;
import dev.tgdl.telegram.Telegram;
import dev.tgdl.telegram.TelegramException;
import dev.tgdl.time.TimeSource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends run summaries through Telegram without tripping its limits: a token bucket per destination
 * (1 message/s, burst 5 by default) and a global one (25/s), flood waits honoured with jitter up to
 * a cap, bounded retries. A summary that cannot be sent is logged; it never fails the run.
 *
 * <p>The buckets run 10% under the configured rates, with one less in the burst: a sender exactly at
 * Telegram's limit meets it whenever the network delays one message and not the next.
 */
public final class Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final double MARGIN = 0.9;

    /**
     * @param perChatRate  messages per second to one chat
     * @param perChatBurst burst to one chat
     * @param globalRate   messages per second overall
     * @param maxRetries   attempts to send one message
     * @param floodWaitCap the longest flood wait honoured
     */
    public record Settings(double perChatRate, int perChatBurst, double globalRate, int maxRetries, Duration floodWaitCap) {
    }

    private final Telegram telegram;
    private final TimeSource clock;
    private final Jitter jitter;
    private final Settings settings;
    private final RateLimiter global;
    private final Map<Long, RateLimiter> perChat = new ConcurrentHashMap<>();

    public Notifier(Telegram telegram, TimeSource clock, RandomGenerator random, Settings settings) {
        this.telegram = telegram;
        this.clock = clock;
        this.jitter = Jitter.standard(random);
        this.settings = settings;
        this.global = new RateLimiter(clock, settings.globalRate() * MARGIN, Math.max(1, (int) Math.ceil(settings.globalRate()) - 1));
    }

    /**
     * Sends {@code text} to {@code chatId}.
     *
     * @return whether Telegram accepted it
     */
    public boolean send(long chatId, String text) throws InterruptedException {
        RateLimiter chat = perChat.computeIfAbsent(chatId, id -> new RateLimiter(clock, settings.perChatRate() * MARGIN,
                Math.max(1, settings.perChatBurst() - 1)));
        Duration backoff = Duration.ofSeconds(1);
        for (int attempt = 1; attempt <= Math.max(1, settings.maxRetries()); attempt++) {
            chat.acquire();
            global.acquire();
            try {
                telegram.sendText(chatId, text);
                return true;
            } catch (TelegramException e) {
                if (e.kind() == TelegramException.Kind.FLOOD_WAIT) {
                    Duration wait = e.retryAfter().orElse(Duration.ofSeconds(60));
                    if (wait.compareTo(settings.floodWaitCap()) > 0) {
                        LOG.warn("notification to {} not sent: Telegram asked to wait {} s (cap {} s)", chatId,
                                wait.toSeconds(), settings.floodWaitCap().toSeconds());
                        return false;
                    }
                    clock.sleep(jitter.apply(wait));
                } else if (e.isRetryable()) {
                    clock.sleep(jitter.apply(backoff));
                    backoff = backoff.multipliedBy(2);
                } else {
                    LOG.warn("notification to {} not sent: {}", chatId, e.getMessage());
                    return false;
                }
            }
        }
        LOG.warn("notification to {} not sent after {} attempts", chatId, settings.maxRetries());
        return false;
    }
}
