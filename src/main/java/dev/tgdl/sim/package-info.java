/**
 * The simulated Telegram of {@code --simulate}: {@link dev.tgdl.sim.SimulatedTdlib} implements
 * {@code td.TdJson} and answers as libtdjson and Telegram's servers would, with real bytes on disk
 * and Telegram's limits, for a {@link dev.tgdl.sim.Scenario} (YAML, documented in
 * {@code docs/scenarios.md}) of an account, its limits and faults, and channels generated as pure
 * functions. Everything runs on one event loop on the clock tgdl shares, so on a virtual clock a
 * simulated run depends only on the scenario and the seeds. It is tgdl's only fake, at the lowest
 * boundary: everything above {@code TdJson} is the real code.
 *
 * <p>May import: {@code config} (sizes and durations of scenario values), {@code td} (the TdJson
 * contract it implements), {@code time}.
 */
package dev.tgdl.sim;
