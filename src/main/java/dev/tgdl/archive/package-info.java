/**
 * The durable state of a profile: the SQLite {@link dev.tgdl.archive.Manifest} (every selected file
 * and its state, scan progress per chat and folder, runs with their stats documents, learned
 * limits), {@link dev.tgdl.archive.ManifestLedger} (the engine's {@code download.Ledger} kept in it),
 * the {@link dev.tgdl.archive.RetryPolicy} of failed files, the per-profile
 * {@link dev.tgdl.archive.RunLock}, and the {@link dev.tgdl.archive.Notifier}, which sends run
 * summaries through the Telegram port within Telegram's limits.
 *
 * <p>May import: {@code download} (the Ledger it implements), {@code pacing} (the notifier's rate
 * limiter and jitter), {@code telegram}, {@code time}.
 */
package dev.tgdl.archive;
