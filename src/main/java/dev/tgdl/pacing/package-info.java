/**
 * How tgdl paces itself against Telegram's limits. {@link dev.tgdl.pacing.PacedTelegram} is the one
 * decorator of the Telegram port that every call of the engine passes: the API gate, the learned API
 * rate, 429s, retries after {@link dev.tgdl.pacing.Backoff}. The parts it and the download policies
 * are built of live here too ({@link dev.tgdl.pacing.RateLimiter}, {@link dev.tgdl.pacing.LearnedRate},
 * {@link dev.tgdl.pacing.FloodGate}, {@link dev.tgdl.pacing.Pacer}, {@link dev.tgdl.pacing.Jitter},
 * {@link dev.tgdl.pacing.LatencyTracker}), with {@link dev.tgdl.pacing.RunControl}, which stops a
 * run (Ctrl-C, a flood wait above the cap, {@code --max-duration}).
 *
 * <p>May import: {@code telegram}, {@code time}.
 */
package dev.tgdl.pacing;
