package dev.tgdl.cli;

import dev.tgdl.app.Accounts;
import dev.tgdl.app.AppContext;
import dev.tgdl.app.ExitCode;
import dev.tgdl.config.ConfigException;
import dev.tgdl.telegram.Account;
import dev.tgdl.telegram.LoginFlow;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Log in as a Telegram user account (interactive: phone, code, two-step password).",
            "Needs api_id and api_hash (see config.example.yaml)."})
final class LoginCommand extends BaseCommand {

    @Option(names = "--phone", paramLabel = "NUMBER", description = "Phone number in international format (else asked).")
    String phone;

    @Option(names = "--qr", description = "Log in by scanning a QR code with a logged-in Telegram app instead.")
    boolean qr;

    @Override
    protected ExitCode run(AppContext app) throws Exception {
        // credentials first: a missing api_id is a configuration error whatever the terminal is
        Accounts.requireCredentials(app);
        if (!cli().terminal().interactive()) {
            throw new ConfigException("tgdl login is interactive: run it in a terminal (stdin and stdout must be a TTY)");
        }
        LoginFlow.Options options = new LoginFlow.Options(Optional.ofNullable(phone), qr, Duration.ofMinutes(10));
        Account account = Accounts.login(app, new TerminalPrompter(cli().terminal(), cli().err()), options);
        cli().out().println("logged in as " + Accounts.describe(account));
        return ExitCode.OK;
    }
}
