package dev.tgdl.bench;

import java.util.List;

/**
 * One policy on one scenario with one seed.
 *
 * @param scenario          scenario
 * @param policy            policy
 * @param seed              seed
 * @param finished          whether every file was downloaded within the budget
 * @param simSeconds        simulated wall time of the run
 * @param lowerBoundSeconds the simulator's lower bound for the work
 * @param efficiency        lower bound ÷ time (1 is perfect)
 * @param floodWaits        flood waits the simulator imposed
 * @param floodWaitSeconds  their seconds
 * @param tooManyRequests   429s the simulator answered (and downloads it stopped for a long wait)
 * @param files             files downloaded
 * @param bytes             bytes downloaded
 * @param filesPerMinute    files per simulated minute
 * @param bytesPerSecond    bytes per simulated second
 * @param cpuSeconds        CPU time of the process during the run (tgdl and the simulator)
 * @param peakHeapBytes     peak heap during the run
 * @param trace             the controller over time (for plots), empty unless asked for
 */
public record RunResult(String scenario, String policy, long seed, boolean finished, double simSeconds,
                        double lowerBoundSeconds, double efficiency, long floodWaits, double floodWaitSeconds,
                        long tooManyRequests, long files, long bytes, double filesPerMinute, double bytesPerSecond,
                        double cpuSeconds, long peakHeapBytes, List<TracePoint> trace) {

    /**
     * The controller at one moment.
     *
     * @param seconds    simulated seconds since the start
     * @param workers    workers
     * @param delay      delay (seconds)
     * @param files      files done so far
     * @param bytes      bytes done so far
     * @param floodWaits flood waits so far
     */
    public record TracePoint(double seconds, int workers, double delay, long files, long bytes, long floodWaits) {
    }
}
