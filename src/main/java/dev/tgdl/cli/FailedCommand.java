package dev.tgdl.cli;

import dev.tgdl.app.AppContext;
import dev.tgdl.app.ExitCode;
import dev.tgdl.archive.Manifest;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "failed", mixinStandardHelpOptions = true,
        description = "List dead letters: files that failed every retry, or could never succeed, with their errors.")
final class FailedCommand extends BaseCommand {

    @Mixin
    JsonOption json;

    @Override
    protected ExitCode run(AppContext app) {
        List<Manifest.DeadLetter> failed = app.manifest().failed();
        if (json.enabled) {
            Json.print(cli().out(), failed);
            return ExitCode.OK;
        }
        if (failed.isEmpty()) {
            cli().out().println("no failed files");
            return ExitCode.OK;
        }
        for (Manifest.DeadLetter d : failed) {
            cli().out().println(d.chat() + "/" + d.messageId() + " (" + d.type() + ", " + d.attempts() + " attempts): "
                    + d.error());
        }
        cli().out().println(failed.size() + " failed; tgdl retry --failed makes them due again");
        return ExitCode.OK;
    }
}
