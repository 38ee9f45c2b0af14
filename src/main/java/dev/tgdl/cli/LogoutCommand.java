package dev.tgdl.cli;

import dev.tgdl.app.Accounts;
import dev.tgdl.app.AppContext;
import dev.tgdl.app.ExitCode;
import picocli.CommandLine.Command;

@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Log out: ends the session on Telegram's side and deletes it locally (needs the network).")
final class LogoutCommand extends BaseCommand {

    @Override
    protected ExitCode run(AppContext app) throws Exception {
        boolean wasLoggedIn = Accounts.logout(app);
        cli().out().println(wasLoggedIn ? "logged out" : "no session to log out of");
        return ExitCode.OK;
    }
}
