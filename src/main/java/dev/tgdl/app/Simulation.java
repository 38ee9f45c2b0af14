package dev.tgdl.app;

import dev.tgdl.config.ConfigException;
import dev.tgdl.sim.Scenario;
import dev.tgdl.sim.ScenarioException;
import dev.tgdl.sim.SimulatedTdlib;
import dev.tgdl.time.TimeSource;
import dev.tgdl.time.VirtualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
     * The built-in scenario for an empty spec, a bundled one by name (bursty, large, throttled,
     * uncapped), else the YAML file it names; TGDL_SIM_TIME_SCALE and TGDL_SIM_SEED override its keys.
     *
     * @throws ConfigException for a missing or malformed scenario
     */
    static Simulation load(String spec, Optional<String> timeScale, Optional<String> seed) {
        Simulation simulation;
        try {
            if (spec.isBlank()) {
                simulation = new Simulation(Scenario.builtin(), "builtin");
            } else if (Scenario.BUNDLED.contains(spec) && !Files.exists(Path.of(spec))) {
                simulation = new Simulation(Scenario.bundled(spec), spec);
            } else {
                if (spec.startsWith("-") && !Files.exists(Path.of(spec))) {
                    // `--simulate --bogus`: the option's optional value took a mistyped flag
                    throw new ConfigException("--simulate took '" + spec + "' as its scenario: no such file; give"
                            + " a scenario as --simulate=NAME, or check that option's spelling");
                }
                Path file = Path.of(spec).toAbsolutePath().normalize();
                Scenario scenario = Scenario.load(file);
                // one profile folder per scenario file: sessions of different scenarios never mix
                simulation = new Simulation(scenario, scenario.name() + "-" + shortHash(file.toString()));
            }
        } catch (ScenarioException e) {
            throw new ConfigException("bad scenario: " + e.getMessage() + " (the format is in docs/scenarios.md)", e);
        }
        Scenario scenario = simulation.scenario;
        if (timeScale.isPresent()) {
            try {
                scenario = scenario.withTimeScale(Scenario.timeScale(timeScale.get()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("TGDL_SIM_TIME_SCALE: " + e.getMessage());
            }
        }
        if (seed.isPresent()) {
            try {
                scenario = scenario.withSeed(Long.parseLong(seed.get().trim()));
            } catch (NumberFormatException e) {
                throw new ConfigException("TGDL_SIM_SEED: '" + seed.get() + "' is not a whole number");
            }
        }
        return new Simulation(scenario, simulation.key);
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
            Instant start = start(anchor(profileHome.resolve("simulated-clock")), scenario.timeScale());
            ended = profileHome.resolve("simulated-clock.end");
            // simulated time can run ahead of the wall clock: never start before the last run ended
            Instant last = readInstant(ended).orElse(start);
            clock = TimeSource.virtual(last.isAfter(start) ? last : start, scenario.timeScale());
        }
        return clock;
    }

    private Path ended;

    private static Optional<Instant> readInstant(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Instant.parse(Files.readString(file).strip())) : Optional.empty();
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static void writeInstant(Path file, Instant instant) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, instant.toString());
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
        Optional<Instant> known = readInstant(file);
        if (known.isPresent()) {
            return known.get();
        }
        Instant now = Instant.now();
        try {
            writeInstant(file, now);
        } catch (IOException e) {
            // no anchor kept: each run starts from the wall clock
        }
        return now;
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
            try {
                writeInstant(ended, clock.now());
            } catch (IOException e) {
                // the next run starts from the wall clock instead: retries may wait a little longer
            }
            clock.close();
        }
    }
}
