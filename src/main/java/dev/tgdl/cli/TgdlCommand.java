package dev.tgdl.cli;

import dev.tgdl.app.AppContext;
import dev.tgdl.app.ExitCode;
import dev.tgdl.app.GlobalOptions;
import dev.tgdl.app.Version;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: global options, --version, and the subcommands. */
@Command(name = "tgdl",
        usageHelpAutoWidth = true, sortOptions = false,
        description = "Archives the media of Telegram channels and groups as a user account.",
        subcommands = {LoginCommand.class, LogoutCommand.class, WhoamiCommand.class, ChatsCommand.class, DownloadCommand.class,
            ArchiveCommand.class, WatchCommand.class, StatusCommand.class, FailedCommand.class, RetryCommand.class, StatsCommand.class,
            BenchCommand.class, CompletionCommand.class, TopicsCommand.class, CommandLine.HelpCommand.class})
public final class TgdlCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--profile", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Profile: one session and its data (default: $TGDL_PROFILE or 'default').")
    String profile;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Configuration file (default: $TGDL_CONFIG or $XDG_CONFIG_HOME/tgdl/config.yaml).")
    Path config;

    @Option(names = "--simulate", scope = ScopeType.INHERIT, arity = "0..1", fallbackValue = "", paramLabel = "SCENARIO",
            description = "Run against the built-in simulated Telegram, or a scenario YAML file (no account needed).")
    String simulate;

    @Option(names = "--tdjson", scope = ScopeType.INHERIT, paramLabel = "PATH",
            description = "libtdjson to load (default: $TGDL_TDJSON, native/<os>-<arch>/, the system library path).")
    Path tdjson;

    @Option(names = "--trace-td", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Append every JSON document exchanged with TDLib to FILE, secrets masked (also $TGDL_TRACE_TD).")
    Path traceTd;

    @Option(names = "--proxy", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "socks5://[user:pass@]host:port, http://..., mtproto://host:port?secret=HEX; 'none' to disable.")
    String proxy;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "More log output (-vv: trace; not with -q).")
    boolean[] verbose = new boolean[0];

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Only warnings and errors on stderr (not with -v).")
    boolean quiet;

    @Option(names = {"-V", "--version"}, description = "Print tgdl's version and the version of the TDLib it loads.")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    TgdlCommand(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    /**
     * Checks the global options against each other. -v and -q exclude each other; they are checked
     * here rather than by an exclusive picocli ArgGroup because options in a group cannot be inherited
     * by the subcommands (and "global options work before or after the command").
     *
     * @throws Cli.ConflictingOptionsException when they do not go together
     */
    void checkOptions(CommandLine commandLine) {
        if (quiet && verbose.length > 0) {
            throw new Cli.ConflictingOptionsException(commandLine,
                    "-v/--verbose and -q/--quiet exclude each other: give one of them, or neither");
        }
    }

    GlobalOptions globalOptions() {
        int verbosity = quiet ? -1 : Math.min(verbose.length, 2);
        return new GlobalOptions(Optional.ofNullable(profile), Optional.ofNullable(config), Optional.ofNullable(simulate),
                Optional.ofNullable(tdjson), Optional.ofNullable(traceTd), Optional.ofNullable(proxy), verbosity,
                context.environment());
    }

    @Override
    public Integer call() {
        if (version) {
            return printVersions();
        }
        context.err().println("tgdl: a command is needed, e.g. tgdl download @channel (see tgdl --help)");
        return ExitCode.USAGE.code();
    }

    /**
     * tgdl's version, and the version of the TDLib it would use (loading it, or the simulator's).
     * Without a loadable library the TDLib line says why, and the exit code is 2.
     */
    private int printVersions() {
        context.out().println("tgdl " + Version.tgdl());
        try (AppContext app = AppContext.create(globalOptions(), context.err())) {
            context.out().println("TDLib " + app.tdlibVersion());
            return ExitCode.OK.code();
        } catch (RuntimeException e) {
            context.out().println("TDLib not available");
            context.err().println("tgdl: " + ExitCodes.message(e));
            return ExitCodes.of(e).code();
        }
    }
}
