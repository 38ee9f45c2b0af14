package dev.tgdl.cli;

import dev.tgdl.app.AppContext;
import dev.tgdl.app.ExitCode;
import dev.tgdl.app.Topics;
import dev.tgdl.telegram.ForumTopic;
import dev.tgdl.telegram.TelegramException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "topics", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the topics of a forum supergroup: id and name.",
            "Either can be given to tgdl download --topic."})
final class TopicsCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The forum: @username, a link or a chat id.")
    String source;

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Override
    protected ExitCode run(AppContext app) throws Exception {
        Topics.Listing listing;
        try {
            listing = Topics.list(app, source);
        } catch (TelegramException e) {
            cli().err().println("tgdl: " + source + ": " + e.getMessage());
            return ExitCode.ITEMS_FAILED;
        }
        if (listing.topics().isEmpty()) {
            cli().err().println("tgdl: " + source + ": " + ChatsCommand.printable(listing.chat().displayName())
                    + " is not a forum (a supergroup with topics)");
            return ExitCode.ITEMS_FAILED;
        }
        List<ForumTopic> topics = listing.topics().get();
        if (json) {
            List<Map<String, Object>> doc = new ArrayList<>();
            for (ForumTopic t : topics) {
                Map<String, Object> topic = new LinkedHashMap<>();
                topic.put("id", t.id());
                topic.put("name", t.name());
                topic.put("general", t.general());
                doc.add(topic);
            }
            Json.print(cli().out(), doc);
            return ExitCode.OK;
        }
        int width = topics.stream().mapToInt(t -> Long.toString(t.id()).length()).max().orElse(2);
        StringBuilder out = new StringBuilder(String.format("%" + Math.max(2, width) + "s  %s%n", "id", "name"));
        for (ForumTopic t : topics) {
            out.append(String.format("%" + Math.max(2, width) + "d  %s%n", t.id(), ChatsCommand.printable(t.name())));
        }
        cli().out().print(out);
        return ExitCode.OK;
    }
}
