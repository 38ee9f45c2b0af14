package dev.tgdl.bench;

import java.util.List;

/**
 * One policy on one scenario with one seed: a {@code tgdl --simulate download} run as a user runs it.
 *
 * @param scenario          scenario
 * @param policy            policy (a second run of the same profile carries " (2nd run)")
 * @param seed              seed of the scenario and of tgdl's jitter
 * @param finished          whether every file was downloaded within the budget
 * @param simSeconds        simulated wall time of the run
 * @param lowerBoundSeconds the simulator's lower bound for the work
 * @param efficiency        lower bound ÷ time (1 is perfect); an unfinished run only for the share it did
 * @param floodWaits        flood waits the simulator imposed
 * @param floodWaitSeconds  their seconds
 * @param tooManyRequests   429s the simulator answered (and downloads it stopped past TDLib's 60 s)
 * @param files             files downloaded
 * @param bytes             bytes downloaded
 * @param filesPerMinute    files per simulated minute
 * @param bytesPerSecond    bytes per simulated second
 * @param cpuSeconds        CPU time of the process during the run (tgdl and the simulator)
 * @param realSeconds       real seconds the run took
 * @param peakHeapBytes     peak heap the run reported
 * @param trace             the policy over time (for plots), empty unless asked for
 */
public record RunResult(String scenario, String policy, long seed, boolean finished, double simSeconds,
                        double lowerBoundSeconds, double efficiency, long floodWaits, double floodWaitSeconds,
                        long tooManyRequests, long files, long bytes, double filesPerMinute, double bytesPerSecond,
                        double cpuSeconds, double realSeconds, long peakHeapBytes, List<TracePoint> trace) {

    /**
     * The policy at one moment.
     *
     * @param seconds    simulated seconds since the start
     * @param workers    files allowed in flight
     * @param delay      its pace (seconds)
     * @param files      files done so far
     * @param bytes      bytes done so far (files in flight included)
     * @param floodWaits flood waits so far
     */
    public record TracePoint(double seconds, int workers, double delay, long files, long bytes, long floodWaits) {
    }
}
