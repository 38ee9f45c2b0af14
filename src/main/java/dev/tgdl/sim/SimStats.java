package dev.tgdl.sim;

import java.time.Instant;
import java.util.Map;

/**
 * What the simulator saw and did.
 *
 * @param requests                every request received
 * @param requestsByMethod        requests per TDLib method
 * @param floodWaitsIssued        flood episodes started
 * @param floodWaitSecondsImposed their waits, summed
 * @param tooManyRequests         429s answered
 * @param floodWaitsAbsorbed      requests held back by a wait (TDLib's silent waits)
 * @param bytesServed             file bytes sent
 * @param downloadsStarted        downloads that needed the network
 * @param downloadsCompleted      downloads finished
 * @param downloadsFailed         downloads stopped without a reason (faults, long flood waits)
 * @param downloadsStalled        downloads that stalled
 * @param historyCalls            getChatHistory and searchChatMessages calls
 * @param historyLoads            history requests that reached the server (TDLib answers many getChatHistory calls from what it loaded)
 * @param serverResolves          username resolutions that reached the server (TDLib caches them for a day)
 * @param partsRequested          file parts requested ({@code upload.getFile}), flood-waited resends not counted
 * @param premiumWaits            parts answered {@code FLOOD_PREMIUM_WAIT} (the speed limit of accounts without Premium)
 * @param startedAt               simulated time the simulator started
 * @param now                     simulated time of this snapshot
 */
public record SimStats(long requests, Map<String, Long> requestsByMethod, long floodWaitsIssued,
                       double floodWaitSecondsImposed, long tooManyRequests, long floodWaitsAbsorbed, long bytesServed,
                       long downloadsStarted, long downloadsCompleted, long downloadsFailed, long downloadsStalled,
                       long historyCalls, long historyLoads, long serverResolves, long partsRequested,
                       long premiumWaits, Instant startedAt, Instant now) {

    /** Requests of one method. */
    public long requests(String method) {
        return requestsByMethod.getOrDefault(method, 0L);
    }
}
