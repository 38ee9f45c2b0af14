package dev.tgdl.sim;

import java.time.Duration;
import java.util.function.IntConsumer;

/**
 * One query as TDLib sends it to a data centre (td/telegram/net/NetQueryDelayer.cpp): it waits while
 * the connection is down (TDLib has no request timeouts), and a {@code FLOOD_WAIT_X} or
 * {@code FLOOD_PREMIUM_WAIT_X} answer is waited out and the query sent again, as long as the sum of
 * the waits of this query stays within {@value #TOTAL_TIMEOUT_LIMIT} s ({@code total_timeout_limit_},
 * user accounts). The wait that would pass it fails the query at once with
 * {@code 429 Too Many Requests: retry after X}, X being that wait, not the total.
 *
 * <p>Runs on the simulator's event loop. {@link #cancel} stops it wherever it is.
 */
final class NetQuery {

    /** TDLib's limit on the waits one query may sit out (NetQuery.h, total_timeout_limit_ = 60). */
    static final int TOTAL_TIMEOUT_LIMIT = 60;

    /** The server's answer to one attempt. */
    interface Admission {
        /**
         * @return 0 when the query is served; otherwise the X of a {@code FLOOD_WAIT_X} (or, negated,
         *         of a {@code FLOOD_PREMIUM_WAIT_X})
         */
        int admit(long now);
    }

    private final SimulatedTdlib sim;
    private final DataCentre dc;
    private final Admission admission;
    private final Runnable served;
    private final IntConsumer tooMany;
    private final Runnable premiumWait;
    private int totalTimeout;
    private boolean cancelled;

    private NetQuery(SimulatedTdlib sim, DataCentre dc, Admission admission, Runnable served, IntConsumer tooMany,
                     Runnable premiumWait) {
        this.sim = sim;
        this.dc = dc;
        this.admission = admission;
        this.served = served;
        this.tooMany = tooMany;
        this.premiumWait = premiumWait;
    }

    /**
     * Sends a query now.
     *
     * @param served      runs when the server serves it (the caller adds the time its answer takes)
     * @param tooMany     runs with X when TDLib gives up with a 429
     * @param premiumWait runs at each {@code FLOOD_PREMIUM_WAIT} answer (TDLib's speed-limit notice)
     */
    static NetQuery send(SimulatedTdlib sim, DataCentre dc, Admission admission, Runnable served, IntConsumer tooMany,
                         Runnable premiumWait) {
        NetQuery q = new NetQuery(sim, dc, admission, served, tooMany, premiumWait);
        q.attempt();
        return q;
    }

    void cancel() {
        cancelled = true;
    }

    private void attempt() {
        if (cancelled) {
            return;
        }
        long now = sim.loop.now();
        if (sim.outage()) {
            sim.loop.at(sim.outageEnds(), this::attempt);
            return;
        }
        int answer = admission.admit(now);
        if (answer == 0) {
            served.run();
            return;
        }
        boolean premium = answer < 0;
        int wait = Math.abs(answer);
        // the FLOOD_WAIT answer comes back after a round trip; TDLib decides then
        sim.loop.after(dc.latency(), () -> {
            if (cancelled) {
                return;
            }
            if (premium) {
                premiumWait.run();
            }
            totalTimeout += wait;
            if (totalTimeout > TOTAL_TIMEOUT_LIMIT) {
                sim.counters.tooMany.incrementAndGet();
                tooMany.accept(wait);
                return;
            }
            sim.counters.absorbed.incrementAndGet();
            sim.loop.after(Duration.ofSeconds(wait), this::attempt);
        });
    }
}
