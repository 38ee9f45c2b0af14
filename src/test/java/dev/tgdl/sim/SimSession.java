package dev.tgdl.sim;

import dev.tgdl.td.TdApi;
import dev.tgdl.td.TdClient;
import dev.tgdl.td.TdFunctions;
import dev.tgdl.td.TdRuntime;
import dev.tgdl.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;

/** A simulator with one started client, for tests. */
final class SimSession implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    final SimulatedTdlib sim;
    final TdClient client;
    final Path dir;

    private SimSession(SimulatedTdlib sim, TdClient client, Path dir) {
        this.sim = sim;
        this.client = client;
        this.dir = dir;
    }

    /** A logged-in session of {@code scenario} with its database and files under {@code dir}. */
    static SimSession open(Scenario scenario, TimeSource clock, Path dir) throws Exception {
        return open(SimulatedTdlib.create(scenario, clock), dir, true);
    }

    /** A new client on an existing simulator (a restart of tgdl on the same database). */
    static SimSession open(SimulatedTdlib sim, Path dir, boolean expectReady) throws Exception {
        TdClient client = TdRuntime.of(sim).newClient();
        client.call(new TdFunctions.GetOption("version"));
        client.call(parameters(dir));
        if (expectReady) {
            client.awaitAuthorizationState(s -> s instanceof TdApi.AuthorizationStateReady, WAIT);
        } else {
            client.awaitAuthorizationState(s -> !(s instanceof TdApi.AuthorizationStateWaitTdlibParameters), WAIT);
        }
        return new SimSession(sim, client, dir);
    }

    static TdFunctions.SetTdlibParameters parameters(Path dir) {
        return new TdFunctions.SetTdlibParameters(false, dir.resolve("db").toString(), dir.resolve("files").toString(), "",
                true, true, true, false, 94575, "a3406de8d171bb422bb6ddf3bbd800e2", "en", "test", "linux", "0.1.0");
    }

    <R> R call(TdApi.Function<R> f) throws Exception {
        return client.call(f);
    }

    /** Closes the client only; the simulator keeps running (for restarts). */
    void closeClient() {
        client.close();
    }

    @Override
    public void close() {
        client.close();
        sim.close();
    }
}
