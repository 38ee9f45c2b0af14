package dev.tgdl.app;

import dev.tgdl.config.ConfigException;
import dev.tgdl.telegram.ChatSummary;
import dev.tgdl.telegram.Telegram;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/** tgdl chats: the account's chat list, to find what to archive. */
public final class Chats {

    private Chats() {
    }

    /**
     * The account's chats in chat-list order, of {@code type} only when given, at most {@code limit}.
     * With a type, the limit counts chats of that type.
     */
    public static List<ChatSummary> list(AppContext app, Optional<ChatSummary.Type> type, OptionalInt limit)
            throws InterruptedException {
        app.lock("chats");
        Telegram telegram = app.openLoggedInSession().telegram();
        int max = limit.orElse(Integer.MAX_VALUE);
        List<ChatSummary> chats = telegram.chats(type.isPresent() ? Integer.MAX_VALUE : max);
        return chats.stream().filter(c -> type.isEmpty() || c.type() == type.get()).limit(max).toList();
    }

    /**
     * The chat type named on the command line.
     *
     * @throws ConfigException (exit 2) naming the flag and the accepted values
     */
    public static ChatSummary.Type type(String text, String flag) {
        return ChatSummary.Type.byLabel(text).orElseThrow(() -> new ConfigException(flag + ": '" + text.trim()
                + "' is not a chat type; use " + Arrays.stream(ChatSummary.Type.values()).map(ChatSummary.Type::label)
                .collect(Collectors.joining(", "))));
    }

    /**
     * A limit given on the command line.
     *
     * @throws ConfigException (exit 2) when it is not positive
     */
    public static int limit(int n, String flag) {
        if (n < 1) {
            throw new ConfigException(flag + " takes a number from 1 (" + n + " given)");
        }
        return n;
    }
}
