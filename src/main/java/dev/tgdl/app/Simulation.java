package dev.tgdl.app;

import dev.tgdl.config.ConfigException;
import dev.tgdl.td.TdJson;
import dev.tgdl.time.TimeSource;

/** INTERIM until the simulator lands on main: replaced by the real wiring in the merge. */
public final class Simulation implements AutoCloseable {

    private Simulation() {
    }

    static Simulation load(String spec) {
        throw new ConfigException("--simulate is not wired yet");
    }

    String key() {
        return "builtin";
    }

    TimeSource clock() {
        return TimeSource.system();
    }

    TdJson start() {
        throw new ConfigException("--simulate is not wired yet");
    }

    @Override
    public void close() {
    }
}
