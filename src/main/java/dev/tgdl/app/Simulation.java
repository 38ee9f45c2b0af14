package dev.tgdl.app;

import dev.tgdl.config.ConfigException;
import dev.tgdl.sim.Scenario;
import dev.tgdl.sim.ScenarioException;
import dev.tgdl.sim.SimulatedTdlib;
import dev.tgdl.time.TimeSource;
import dev.tgdl.time.VirtualClock;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code --simulate[=SCENARIO]}: the scenario, the scaled clock tgdl and the simulator share, and
 * the simulator itself once a command needs TDLib.
 */
public final class Simulation implements AutoCloseable {

    private final Scenario scenario;
    private final String key;
    private VirtualClock clock;
    private SimulatedTdlib simulator;

    private Simulation(Scenario scenario, String key) {
        this.scenario = scenario;
        this.key = key;
    }

    /**
     * The built-in scenario for an empty spec, else the YAML file it names.
     *
     * @throws ConfigException for a missing or malformed scenario
     */
    static Simulation load(String spec) {
        try {
            if (spec.isBlank()) {
                return new Simulation(Scenario.builtin(), "builtin");
            }
            Path file = Path.of(spec).toAbsolutePath().normalize();
            Scenario scenario = Scenario.load(file);
            // one profile folder per scenario file: sessions of different scenarios never mix
            return new Simulation(scenario, scenario.name() + "-" + shortHash(file.toString()));
        } catch (ScenarioException e) {
            throw new ConfigException("bad scenario: " + e.getMessage() + " (the format is in docs/scenarios.md)", e);
        }
    }

    private static String shortHash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The name of the profile folder of this scenario. */
    String key() {
        return key;
    }

    /**
     * The clock of the scenario's time scale, anchored to the profile: every run of the profile sees
     * one simulated timeline (a retry scheduled in simulated time by one run is due for the next at
     * the right moment). The anchor is the real instant the profile was first simulated.
     */
    synchronized VirtualClock clock(Path profileHome) {
        if (clock == null) {
            clock = TimeSource.virtual(start(anchor(profileHome.resolve("simulated-clock")), scenario.timeScale()),
                    scenario.timeScale());
        }
        return clock;
    }

    /**
     * Where a process's simulated time starts: as far past the anchor as the time scale makes the
     * real time since then, so that each run of a profile starts later than the one before.
     */
    static Instant start(Instant anchor, double scale) {
        Duration since = Duration.between(anchor, Instant.now());
        if (since.isNegative() || !Double.isFinite(scale)) {
            return Instant.now();
        }
        return anchor.plusNanos((long) Math.min(Long.MAX_VALUE / 2.0, since.toNanos() * scale));
    }

    private static Instant anchor(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Instant.parse(Files.readString(file).strip());
            }
            Instant now = Instant.now();
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, now.toString());
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return now;
        } catch (IOException | java.time.format.DateTimeParseException e) {
            return Instant.now();
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The running simulator, once started. */
    public Optional<SimulatedTdlib> simulator() {
        return Optional.ofNullable(simulator);
    }

    synchronized SimulatedTdlib start() {
        if (clock == null) {
            throw new IllegalStateException("the simulation's clock is made with its profile");
        }
        if (simulator == null) {
            simulator = SimulatedTdlib.create(scenario, clock);
        }
        return simulator;
    }

    @Override
    public synchronized void close() {
        if (simulator != null) {
            simulator.close();
        }
        if (clock != null) {
            clock.close();
        }
    }
}
