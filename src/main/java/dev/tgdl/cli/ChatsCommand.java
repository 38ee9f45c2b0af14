package dev.tgdl.cli;

import dev.tgdl.app.AppContext;
import dev.tgdl.app.Chats;
import dev.tgdl.app.ExitCode;
import dev.tgdl.telegram.ChatSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "chats", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the account's chats (newest activity first): id, type, username, members, title.",
            "Any id or @username shown can be given to tgdl download."})
final class ChatsCommand extends BaseCommand {

    @Option(names = "--type", paramLabel = "TYPE", description = "Only chats of this type: channel, group or private.")
    String type;

    @Option(names = "--limit", paramLabel = "N", description = "At most N chats (of --type, when given).")
    Integer limit;

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    private Optional<ChatSummary.Type> chatType = Optional.empty();
    private OptionalInt max = OptionalInt.empty();

    @Override
    protected void validate() {
        chatType = Optional.ofNullable(type).map(t -> Chats.type(t, "--type"));
        max = limit == null ? OptionalInt.empty() : OptionalInt.of(Chats.limit(limit, "--limit"));
    }

    @Override
    protected ExitCode run(AppContext app) throws Exception {
        List<ChatSummary> chats = Chats.list(app, chatType, max);
        if (json) {
            List<Map<String, Object>> doc = new ArrayList<>();
            for (ChatSummary c : chats) {
                Map<String, Object> chat = new LinkedHashMap<>();
                chat.put("id", c.id());
                chat.put("username", c.username().orElse(null));
                chat.put("title", c.title());
                chat.put("type", c.type().label());
                chat.put("member_count", c.memberCount().isPresent() ? c.memberCount().getAsInt() : null);
                doc.add(chat);
            }
            Json.print(cli().out(), doc);
            return ExitCode.OK;
        }
        if (chats.isEmpty()) {
            cli().out().println(chatType.map(t -> "no " + t.label() + " chats").orElse("no chats"));
            return ExitCode.OK;
        }
        cli().out().print(table(chats));
        return ExitCode.OK;
    }

    /** An aligned table; the title comes last, so titles of any width keep the columns straight. */
    static String table(List<ChatSummary> chats) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"id", "type", "username", "members", "title"});
        for (ChatSummary c : chats) {
            rows.add(new String[] {Long.toString(c.id()), c.type().label(), c.username().map(u -> "@" + u).orElse("-"),
                c.memberCount().isPresent() ? Integer.toString(c.memberCount().getAsInt()) : "-", printable(c.title())});
        }
        int[] width = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            out.append(String.format("%" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %" + width[3] + "s  %s",
                    (Object[]) row).stripTrailing()).append(System.lineSeparator());
        }
        return out.toString();
    }

    /**
     * A title safe for a terminal: control characters and the invisible ones that change the text's
     * direction (U+202E and the like, which can make a title read backwards) shown as '?'.
     */
    static String printable(String title) {
        StringBuilder b = new StringBuilder(title.length());
        title.codePoints().forEach(cp -> b.appendCodePoint(Character.getType(cp) == Character.CONTROL || bidiControl(cp) ? '?' : cp));
        return b.toString();
    }

    private static boolean bidiControl(int cp) {
        return cp == 0x061C || cp == 0x200E || cp == 0x200F || cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069;
    }
}
