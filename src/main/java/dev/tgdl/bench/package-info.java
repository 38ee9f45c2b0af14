/**
 * {@code tgdl bench}: download policies compared on simulated scenarios. Each run is the
 * {@code tgdl --simulate download} a user types, run in-process through a
 * {@link dev.tgdl.bench.CommandRunner} that the {@code cli} package supplies, so the benchmark knows
 * no command-line code. It measures each run against the simulator's lower bound for the work
 * ({@code LowerBound}), reports medians and spreads, checks targets, and plots a run.
 *
 * <p>May import: {@code config} (sizes and durations), {@code download} (the policy names of
 * Policies), {@code sim}.
 */
package dev.tgdl.bench;
