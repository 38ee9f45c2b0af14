package dev.tgdl.sim;

import dev.tgdl.td.TdJson;
import dev.tgdl.td.TdJsonContract;
import dev.tgdl.time.TimeSource;
import org.junit.jupiter.api.AfterEach;

/**
 * The same contract the real libtdjson passes offline, against the simulator: a login-required
 * scenario without network, so requests that need servers stay pending as they do in TDLib.
 */
class SimulatedTdJsonContractTest extends TdJsonContract {

    private SimulatedTdlib sim;

    @Override
    protected TdJson backend() {
        if (sim == null) {
            Scenario base = Scenario.builtin();
            Scenario.Auth auth = base.auth();
            Scenario offline = base.withNetwork("offline").withAuth(new Scenario.Auth(false, auth.phone(), auth.code(),
                    auth.password(), auth.passwordHint(), true, false, false, auth.qrConfirmAfter(), auth.qrRefresh()));
            sim = SimulatedTdlib.create(offline, TimeSource.system());
        }
        return sim;
    }

    @AfterEach
    void closeSimulator() {
        if (sim != null) {
            sim.close();
        }
    }
}
