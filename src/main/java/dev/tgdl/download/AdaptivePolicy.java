package dev.tgdl.download;

import dev.tgdl.pacing.LearnedRate;
import dev.tgdl.time.TimeSource;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * tgdl's default policy ({@code adaptive}). It steers the two things Telegram's limits and TDLib's
 * scheduler answer to:
 *
 * <ul>
 *   <li><b>Bytes in flight, not files.</b> TDLib keeps at most 2 MiB of parts in flight per data
 *       centre (16 MiB with Premium) and throughput is those bytes over the round trip, bounded by
 *       the bandwidth: more files than fill that budget add nothing but files waiting in TDLib's
 *       queue. So new files are requested while less than {@value #BUDGETS} budgets of requested
 *       bytes are still to come (one in flight, one ready to follow), up to {@code max_workers}
 *       files, and at most {@value #LARGE_FILES} files over 20 MB at once (Telegram's guidance for
 *       clients; each of them fills the budget alone).</li>
 *   <li><b>A part rate, learned.</b> Telegram charges downloads per part ({@code upload.getFile}).
 *       A file of N parts takes N tokens of a {@link LearnedRate}: unlimited until the first flood
 *       wait, then just under the rate that met it, probed up carefully, and remembered per chat
 *       for the next run.</li>
 * </ul>
 */
final class AdaptivePolicy implements DownloadPolicy {

    static final long IN_FLIGHT = 1L << 21;
    static final int BUDGETS = 2;
    static final int LARGE_FILES = 2;
    static final int MIN_PARTS = 4;
    static final long PART = 64 << 10;

    private final PolicySettings settings;
    private final LearnedRate parts;
    private final long bytesInFlight;
    private long consecutive;
    private long floods;
    private volatile boolean speedLimited;

    AdaptivePolicy(TimeSource clock, PolicySettings settings, Policies.Start start) {
        this.settings = settings;
        this.parts = new LearnedRate(clock, start.partRate(), 1.0, 40);
        this.bytesInFlight = BUDGETS * IN_FLIGHT * (start.premium() ? 8 : 1);
    }

    @Override
    public String name() {
        return "adaptive";
    }

    @Override
    public int maxFiles() {
        return settings.maxWorkers();
    }

    /**
     * Two of TDLib's budgets; once a part rate is learned, no more than a second of it (at least
     * {@value #MIN_PARTS} parts): bytes in flight past what the rate can serve only wait in TDLib,
     * and after a flood wait they would all be sent again at once.
     */
    @Override
    public long maxBytesInFlight() {
        if (speedLimited) {
            // parts wait seconds each under the speed limit: files in their last parts need nothing more,
            // so only many files requested keep TDLib's budget in use
            return Long.MAX_VALUE;
        }
        if (parts.learned().isEmpty()) {
            return bytesInFlight;
        }
        long byRate = (long) Math.max(MIN_PARTS, Math.ceil(parts.rate())) * PART;
        return Math.min(bytesInFlight, byRate);
    }

    @Override
    public boolean shedsOnPause() {
        return true;
    }

    @Override
    public void onSpeedLimit() {
        speedLimited = true;
    }

    @Override
    public int maxLargeFiles() {
        return LARGE_FILES;
    }

    @Override
    public void pace(int count) throws InterruptedException {
        parts.acquire(count);
    }

    @Override
    public synchronized void onDownloaded(Duration took) {
        consecutive++;
    }

    @Override
    public void onFlood(Duration wait) {
        onFlood(wait, Long.MAX_VALUE);
    }

    @Override
    public synchronized void onFlood(Duration wait, long began) {
        floods++;
        consecutive = 0;
        parts.onFlood(wait, began);
    }

    @Override
    public OptionalDouble learnedPartRate() {
        return parts.learned();
    }

    @Override
    public synchronized PolicyState state() {
        boolean learned = parts.learned().isPresent();
        Duration delay = learned ? perPart(parts.rate()) : Duration.ZERO;
        Duration longest = learned ? perPart(parts.slowest()) : Duration.ZERO;
        int workers = settings.maxWorkers();
        return new PolicyState(workers, delay, consecutive, floods, parts.backoffs(), parts.raises(),
                workers, workers, longest);
    }

    private static Duration perPart(double rate) {
        return Duration.ofNanos((long) (1e9 / Math.max(rate, 1e-3)));
    }
}
