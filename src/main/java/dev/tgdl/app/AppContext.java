package dev.tgdl.app;

import dev.tgdl.archive.Manifest;
import dev.tgdl.archive.RunLock;
import dev.tgdl.config.Config;
import dev.tgdl.config.ConfigException;
import dev.tgdl.config.ConfigLoader;
import dev.tgdl.config.Profile;
import dev.tgdl.config.ProxySpec;
import dev.tgdl.download.SizeCache;
import dev.tgdl.td.TdJson;
import dev.tgdl.td.TdLibraryLocator;
import dev.tgdl.td.TracingTdJson;
import dev.tgdl.telegram.LoginRequiredException;
import dev.tgdl.telegram.TdSession;
import dev.tgdl.time.TimeSource;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a command needs, built from the global options: the layered configuration, the
 * profile, the clock, the TDLib backend (libtdjson, or the simulator with --simulate) and, on
 * demand, a TDLib session. Closing it closes all of them, in reverse order of opening; a failure
 * while closing one does not stop the others from closing.
 */
public final class AppContext implements AutoCloseable {

    /** The API credentials used against the simulator, which accepts any. */
    private static final int SIMULATED_API_ID = 94575;
    private static final String SIMULATED_API_HASH = "a3406de8d171bb422bb6ddf3bbd800e2";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final GlobalOptions options;
    private final Config config;
    private final Profile profile;
    private final Optional<Simulation> simulation;
    private final TimeSource clock;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private TdJson backend;
    private Manifest manifest;
    private SizeCache sizes;

    private AppContext(GlobalOptions options, Config config, Profile profile,
                       Optional<Simulation> simulation, TimeSource clock) {
        this.options = options;
        this.config = config;
        this.profile = profile;
        this.simulation = simulation;
        this.clock = clock;
    }

    /**
     * Builds the context and sets up logging (stderr at the chosen level, the profile's log file).
     *
     * @throws ConfigException for a bad configuration, profile or scenario
     */
    public static AppContext create(GlobalOptions options, OutputStream stderr) {
        return create(options, stderr, false);
    }

    /**
     * Builds the context; with {@code quietByDefault} (cron commands) stderr shows only warnings
     * unless -v is given, while the log file keeps everything.
     */
    public static AppContext create(GlobalOptions options, OutputStream stderr, boolean quietByDefault) {
        var env = options.environment();
        Optional<Path> configFile = options.config()
                .or(() -> Optional.ofNullable(env.get("TGDL_CONFIG")).filter(s -> !s.isBlank()).map(Path::of));
        Path file = configFile.orElseGet(() -> {
            Path fallback = Profile.defaultConfigFile(env);
            return Files.isRegularFile(fallback) ? fallback : null;
        });
        Config config = ConfigLoader.load(file, env);
        // a malformed proxy is a usage error before anything starts, whatever the command
        options.proxy().or(config::proxy).ifPresent(ProxySpec::parse);
        Optional<String> pace = Optional.ofNullable(env.get("TGDL_SIM_TIME_SCALE")).filter(v -> !v.isBlank());
        Optional<String> seed = Optional.ofNullable(env.get("TGDL_SIM_SEED")).filter(v -> !v.isBlank());
        Optional<Simulation> simulation = options.simulate().map(spec -> Simulation.load(spec, pace, seed));
        Profile profile = Profile.resolve(options.profileName(), env, simulation.map(Simulation::key));
        profile.createFolders();
        TimeSource clock = simulation.<TimeSource>map(s -> s.clock(profile.home())).orElseGet(TimeSource::system);
        String level = switch (options.verbosity()) {
            case -1 -> "warn";
            case 0 -> quietByDefault ? "warn" : config.logLevel();
            case 1 -> "debug";
            default -> "trace";
        };
        Logging.configure(level, stderr, Optional.of(profile.logFile()));
        AppContext app = new AppContext(options, config, profile, simulation, clock);
        // the command's own thread takes part in simulated time: time moves only while it waits
        app.resources.add(clock.participate());
        return app;
    }

    public Config config() {
        return config;
    }

    public Profile profile() {
        return profile;
    }

    /** tgdl's clock; with --simulate, the simulator's scaled clock. */
    public TimeSource clock() {
        return clock;
    }

    public boolean simulated() {
        return simulation.isPresent();
    }

    /** The simulator, when running with --simulate. */
    public Optional<Simulation> simulation() {
        return simulation;
    }

    /**
     * The TDLib backend, created on first use: the simulator, or libtdjson found by
     * {@link TdLibraryLocator} (--tdjson, TGDL_TDJSON, the tdjson config key, native/, the system path).
     */
    public synchronized TdJson backend() {
        if (backend == null) {
            TdJson json;
            if (simulation.isPresent()) {
                json = simulation.get().start();
                resources.add(simulation.get());
            } else {
                Optional<Path> explicit = options.tdjson().or(config::tdjson);
                json = new TdLibraryLocator(explicit, Optional.ofNullable(options.environment().get("TGDL_TDJSON")),
                        TdLibraryLocator.detectInstallHome()).load();
            }
            Optional<Path> trace = options.traceTd()
                    .or(() -> Optional.ofNullable(options.environment().get("TGDL_TRACE_TD")).filter(s -> !s.isBlank())
                            .map(Path::of));
            if (trace.isPresent()) {
                TracingTdJson tracing = TracingTdJson.appendingTo(json, trace.get());
                resources.add(tracing);
                json = tracing;
            }
            backend = json;
        }
        return backend;
    }

    /** The TDLib version of the backend (td_execute getOption version). */
    public String tdlibVersion() {
        String version = TdSession.tdlibVersion(backend(), profile.tdlibLog(), config.tdlibVerbosity());
        return simulated() ? version + " (simulated)" : version;
    }

    /** The profile's manifest, opened on first use (and closed with this context). */
    public synchronized Manifest manifest() {
        if (manifest == null) {
            manifest = Manifest.open(profile.manifest(), clock);
            resources.add(manifest);
        }
        return manifest;
    }

    /** The per-chat totals cache of this process, shared by every run it makes. */
    public synchronized SizeCache sizes() {
        if (sizes == null) {
            sizes = new SizeCache(clock);
        }
        return sizes;
    }

    /**
     * Takes the profile's run lock for this process.
     *
     * @throws dev.tgdl.archive.ProfileBusyException when another process holds it
     */
    public RunLock lock(String command) {
        RunLock lock = RunLock.acquire(profile.lockFile(), profile.name(), command);
        resources.add(lock);
        return lock;
    }

    /**
     * Opens a TDLib session for logging in: credentials are checked first (exit 2 without them).
     */
    public TdSession openSession() throws InterruptedException {
        Credentials credentials = credentials();
        Optional<ProxySpec> proxy = options.proxy().or(config::proxy).flatMap(ProxySpec::parse);
        TdSession session = TdSession.open(new TdSession.Options(backend(), profile.tdlibDatabase(), profile.tdlibFiles(),
                profile.tdlibLog(), config.tdlibVerbosity(), credentials.apiId(), credentials.apiHash(), proxy, Version.tgdl(), clock,
                STARTUP_TIMEOUT));
        resources.add(session);
        return session;
    }

    /**
     * Opens the session of a command that needs a logged-in account.
     *
     * @throws LoginRequiredException (exit 3) when the profile has no session or it is not logged in
     */
    public TdSession openLoggedInSession() throws InterruptedException {
        if (!simulated() && !Files.exists(profile.tdlibDatabase().resolve("td.binlog"))) {
            // no TDLib database at all: not logged in, whatever the credentials say
            throw new LoginRequiredException(profileHint());
        }
        TdSession session = openSession();
        if (!session.isLoggedIn()) {
            throw new LoginRequiredException(profileHint());
        }
        return session;
    }

    private String profileHint() {
        return profile.name().equals("default") ? "" : " --profile " + profile.name();
    }

    /** Telegram API credentials. */
    public record Credentials(int apiId, String apiHash) {
    }

    /**
     * The API credentials: from the configuration, or the simulator's (which accepts any).
     *
     * @throws ConfigException (exit 2) naming the keys and where to get them when they are missing
     */
    public Credentials credentials() {
        if (simulated()) {
            return new Credentials(SIMULATED_API_ID, SIMULATED_API_HASH);
        }
        int apiId = config.apiId().orElseThrow(AppContext::missingCredentials);
        String apiHash = config.apiHash().filter(h -> !h.isBlank()).orElseThrow(AppContext::missingCredentials);
        return new Credentials(apiId, apiHash);
    }

    private static ConfigException missingCredentials() {
        return new ConfigException("api_id and api_hash are not configured: get them at https://my.telegram.org "
                + "(API development tools), then set api_id and api_hash in config.yaml or TGDL_API_ID and TGDL_API_HASH");
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing " + resources.get(i) + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        resources.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
