package dev.tgdl.cli;

import dev.tgdl.app.Accounts;
import dev.tgdl.app.AppContext;
import dev.tgdl.app.ExitCode;
import dev.tgdl.telegram.Account;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "whoami", mixinStandardHelpOptions = true, description = "Show the logged-in account.")
final class WhoamiCommand extends BaseCommand {

    @Mixin
    JsonOption json;

    @Override
    protected ExitCode run(AppContext app) throws Exception {
        Account account = Accounts.whoami(app);
        if (json.enabled) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("id", account.id());
            doc.put("first_name", account.firstName());
            doc.put("last_name", account.lastName());
            doc.put("username", account.username().orElse(null));
            doc.put("phone_number", account.phoneNumber());
            doc.put("is_premium", account.premium());
            doc.put("profile", app.profile().name());
            doc.put("simulated", app.simulated());
            Json.print(cli().out(), doc);
        } else {
            cli().out().println(Accounts.describe(account));
        }
        return ExitCode.OK;
    }
}
