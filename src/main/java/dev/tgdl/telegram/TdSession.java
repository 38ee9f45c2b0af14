package dev.tgdl.telegram;

import dev.tgdl.config.ProxySpec;
import dev.tgdl.td.TdApi;
import dev.tgdl.td.TdClient;
import dev.tgdl.td.TdException;
import dev.tgdl.td.TdFunctions;
import dev.tgdl.td.TdJson;
import dev.tgdl.td.TdRuntime;
import dev.tgdl.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started TDLib client of one profile: log redirected, parameters set, proxy applied, and the
 * authorization state known. {@link #telegram()} gives the {@link Telegram} port once logged in.
 */
public final class TdSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TdSession.class);
    private static final String PROXY_COMMENT = "tgdl";

    /**
     * What a session needs.
     *
     * @param backend            libtdjson or the simulator
     * @param databaseDirectory  TDLib's database (the session)
     * @param filesDirectory     where TDLib puts downloads
     * @param tdlibLog           TDLib's log file
     * @param tdlibVerbosity     TDLib's log level
     * @param apiId              the Telegram API id
     * @param apiHash            the Telegram API hash
     * @param proxy              the proxy to use, or none (a proxy tgdl added earlier is then disabled)
     * @param applicationVersion tgdl's version, reported to Telegram
     * @param clock              tgdl's clock (shared with the simulator)
     * @param startupTimeout     real time allowed for TDLib to open its database
     */
    public record Options(TdJson backend, Path databaseDirectory, Path filesDirectory, Path tdlibLog, int tdlibVerbosity,
                          int apiId, String apiHash, Optional<ProxySpec> proxy, String applicationVersion,
                          TimeSource clock, Duration startupTimeout) {
    }

    private final TdClient client;
    private final Options options;
    private TdTelegram telegram;

    private TdSession(TdClient client, Options options) {
        this.client = client;
        this.options = options;
    }

    /**
     * Starts a client and brings it to a settled authorization state (ready, or waiting for login).
     *
     * @throws SessionException when TDLib rejects the parameters or does not start in time
     */
    public static TdSession open(Options options) throws InterruptedException {
        TdRuntime runtime = TdRuntime.of(options.backend());
        redirectLog(runtime, options.tdlibLog(), options.tdlibVerbosity());
        TdClient client = runtime.newClient();
        try {
            String version = switch (client.call(new TdFunctions.GetOption("version"))) {
                case TdApi.OptionValueString(String v) -> v;
                default -> "unknown";
            };
            client.awaitAuthorizationState(s -> !(s instanceof TdApi.AuthorizationStateClosed), options.startupTimeout());
            client.call(new TdFunctions.SetTdlibParameters(false, options.databaseDirectory().toString(),
                    options.filesDirectory().toString(), "", true, true, true, false, options.apiId(), options.apiHash(),
                    "en", "tgdl", System.getProperty("os.name", "unknown") + " " + System.getProperty("os.arch", ""),
                    options.applicationVersion()));
            TdSession session = new TdSession(client, options);
            session.applyProxy();
            client.awaitAuthorizationState(s -> !(s instanceof TdApi.AuthorizationStateWaitTdlibParameters),
                    options.startupTimeout());
            LOG.debug("TDLib {} started; authorization state {}", version, session.state().getClass().getSimpleName());
            return session;
        } catch (TdException e) {
            client.close();
            throw new SessionException("TDLib refused to start the session: " + e.tdMessage(), e);
        } catch (TimeoutException e) {
            client.close();
            throw new SessionException("TDLib did not open its database in " + options.startupTimeout().toSeconds()
                    + " s (" + options.databaseDirectory() + ")", e);
        } catch (InterruptedException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * The version of the TDLib behind {@code backend} (td_execute getOption), asked without starting
     * a client; TDLib's own log goes to {@code tdlibLog} first, as for a session.
     */
    public static String tdlibVersion(TdJson backend, Path tdlibLog, int tdlibVerbosity) {
        TdRuntime runtime = TdRuntime.of(backend);
        redirectLog(runtime, tdlibLog, tdlibVerbosity);
        return runtime.execute(new TdFunctions.GetOption("version")) instanceof TdApi.OptionValueString(String v) ? v : "unknown";
    }

    /** Sends TDLib's own log to a file: nothing TDLib prints may reach the terminal. */
    private static void redirectLog(TdRuntime runtime, Path file, int verbosity) {
        runtime.execute(new TdFunctions.SetLogStream(TdFunctions.LogStream.file(file.toString(), 20L << 20)));
        runtime.execute(new TdFunctions.SetLogVerbosityLevel(verbosity));
    }

    private void applyProxy() throws InterruptedException {
        List<TdFunctions.AddedProxy> existing = client.call(new TdFunctions.GetProxies()).proxies();
        if (options.proxy().isEmpty()) {
            boolean ours = existing.stream().anyMatch(p -> p.isEnabled() && PROXY_COMMENT.equals(p.comment()));
            if (ours) {
                client.call(new TdFunctions.DisableProxy());
                LOG.info("proxy disabled (none configured)");
            }
            return;
        }
        ProxySpec spec = options.proxy().get();
        TdFunctions.Proxy wanted = toTd(spec);
        for (TdFunctions.AddedProxy p : existing) {
            if (p.proxy() != null && wanted.equals(p.proxy())) {
                if (!p.isEnabled()) {
                    client.call(new TdFunctions.EnableProxy(p.id()));
                }
                LOG.info("using proxy {}", spec.redacted());
                return;
            }
        }
        try {
            client.call(new TdFunctions.AddProxy(wanted, true, PROXY_COMMENT));
        } catch (TdException e) {
            throw new SessionException("TDLib rejected the proxy " + spec.redacted() + ": " + e.tdMessage(), e);
        }
        LOG.info("using proxy {}", spec.redacted());
    }

    static TdFunctions.Proxy toTd(ProxySpec spec) {
        TdFunctions.ProxyType type = switch (spec.kind()) {
            case SOCKS5 -> TdFunctions.ProxyType.socks5(spec.username(), spec.password());
            case HTTP -> TdFunctions.ProxyType.http(spec.username(), spec.password(), spec.httpOnly());
            case MTPROTO -> TdFunctions.ProxyType.mtproto(spec.secret());
        };
        return new TdFunctions.Proxy(spec.host(), spec.port(), type);
    }

    /** The current authorization state. */
    public TdApi.AuthorizationState state() {
        return client.authorizationState().orElse(new TdApi.AuthorizationStateWaitTdlibParameters());
    }

    /** Whether the session is logged in. */
    public boolean isLoggedIn() {
        return state() instanceof TdApi.AuthorizationStateReady;
    }

    /** The underlying client (for the login flow). */
    public TdClient client() {
        return client;
    }

    /**
     * The Telegram port of this session.
     *
     * @throws LoginRequiredException when the session is not logged in
     */
    public synchronized TdTelegram telegram() {
        if (!isLoggedIn()) {
            throw new LoginRequiredException();
        }
        if (telegram == null) {
            telegram = new TdTelegram(client);
        }
        return telegram;
    }

    /**
     * The new and edited posts of chats as TDLib reports them (for {@code tgdl watch}).
     *
     * @throws LoginRequiredException when the session is not logged in
     */
    public ChatFeed chatFeed() {
        if (!isLoggedIn()) {
            throw new LoginRequiredException();
        }
        return new TdChatFeed(client);
    }

    /** Logs out: the session is destroyed on Telegram's side and locally. */
    public void logOut() throws InterruptedException {
        try {
            client.call(new TdFunctions.LogOut());
            client.awaitAuthorizationState(s -> s instanceof TdApi.AuthorizationStateClosed, options.startupTimeout());
        } catch (TdException | TimeoutException e) {
            throw new SessionException("logout did not complete: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (telegram != null) {
            telegram.detach();
        }
        client.close();
    }
}
