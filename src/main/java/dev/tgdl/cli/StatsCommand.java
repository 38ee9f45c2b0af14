package dev.tgdl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tgdl.app.AppContext;
import dev.tgdl.app.ExitCode;
import dev.tgdl.archive.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "stats", mixinStandardHelpOptions = true, description = "The stored stats of past runs, newest first.")
final class StatsCommand extends BaseCommand {

    @Mixin
    JsonOption json;

    @Option(names = "--last", paramLabel = "N", description = "How many runs (default 10).")
    int last = 10;

    @Override
    protected ExitCode run(AppContext app) throws Exception {
        List<Manifest.Run> runs = app.manifest().runs(Math.max(1, last));
        if (json.enabled) {
            List<Map<String, Object>> docs = new ArrayList<>();
            for (Manifest.Run r : runs) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("id", r.id());
                doc.put("started_at", r.startedAt().toString());
                doc.put("finished_at", r.finishedAt().map(Object::toString).orElse(null));
                doc.put("command", r.command());
                doc.put("sources", r.sources());
                doc.put("exit_code", r.exitCode().orElse(null));
                JsonNode stats = r.stats().isPresent() ? Json.MAPPER.readTree(r.stats().get()) : null;
                doc.put("stats", stats);
                docs.add(doc);
            }
            Json.print(cli().out(), docs);
            return ExitCode.OK;
        }
        for (Manifest.Run r : runs) {
            cli().out().println("#" + r.id() + " " + r.startedAt() + " " + r.command() + " -> "
                    + r.exitCode().map(c -> "exit " + c).orElse(r.finishedAt().isPresent() ? "?" : "unfinished (killed?)"));
        }
        if (runs.isEmpty()) {
            cli().out().println("no runs yet");
        }
        return ExitCode.OK;
    }
}
