package dev.tgdl.cli;

import dev.tgdl.app.AppContext;
import dev.tgdl.app.ExitCode;
import dev.tgdl.archive.Manifest;
import dev.tgdl.config.DataSizes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Per chat: files done, pending, due for retry, failed; bytes; last run. Reads the manifest only.")
final class StatusCommand extends BaseCommand {

    @Mixin
    JsonOption json;

    @Override
    protected ExitCode run(AppContext app) {
        List<Manifest.ChatStatus> chats = app.manifest().status();
        List<Manifest.Run> last = app.manifest().runs(1);
        if (json.enabled) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("chats", chats);
            doc.put("totals", Map.of(
                    "done", chats.stream().mapToLong(Manifest.ChatStatus::done).sum(),
                    "pending", chats.stream().mapToLong(Manifest.ChatStatus::pending).sum(),
                    "retry_due", chats.stream().mapToLong(Manifest.ChatStatus::retryDue).sum(),
                    "retry_later", chats.stream().mapToLong(Manifest.ChatStatus::retryLater).sum(),
                    "failed", chats.stream().mapToLong(Manifest.ChatStatus::failed).sum(),
                    "bytes", chats.stream().mapToLong(Manifest.ChatStatus::bytes).sum()));
            doc.put("last_run", last.isEmpty() ? null : last.getFirst());
            Json.print(cli().out(), doc);
            return ExitCode.OK;
        }
        if (chats.isEmpty()) {
            cli().out().println("nothing archived yet");
            return ExitCode.OK;
        }
        String format = "%-28s %8s %8s %8s %8s %8s %10s  %s%n";
        cli().out().printf(format, "chat", "done", "pending", "due", "waiting", "failed", "size", "last run");
        for (Manifest.ChatStatus c : chats) {
            cli().out().printf(format, c.chat(), c.done(), c.pending(), c.retryDue(), c.retryLater(), c.failed(),
                    DataSizes.format(c.bytes()), c.lastRunAt().map(Instant::toString).orElse("-"));
        }
        Optional<Manifest.ChatStatus> next = chats.stream().filter(c -> c.nextRetryAt().isPresent())
                .min((a, b) -> a.nextRetryAt().get().compareTo(b.nextRetryAt().get()));
        next.ifPresent(c -> cli().out().println("next retry: " + c.nextRetryAt().get()));
        return ExitCode.OK;
    }
}
