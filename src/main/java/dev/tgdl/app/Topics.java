package dev.tgdl.app;

import dev.tgdl.config.ConfigException;
import dev.tgdl.telegram.Chat;
import dev.tgdl.telegram.ForumTopic;
import dev.tgdl.telegram.SourceRef;
import dev.tgdl.telegram.Telegram;
import dev.tgdl.telegram.TelegramException;
import java.util.List;
import java.util.Optional;

/** {@code tgdl topics}: the topics of a forum supergroup, to find what {@code --topic} takes. */
public final class Topics {

    private Topics() {
    }

    /**
     * The topics of a forum.
     *
     * @param chat   the chat the source named
     * @param topics its topics (the General topic first when Telegram lists it so); empty when it is no forum
     */
    public record Listing(Chat chat, Optional<List<ForumTopic>> topics) {
    }

    /**
     * Resolves {@code source} and lists its topics.
     *
     * @throws ConfigException (exit 2) when the source cannot be read as a SOURCE
     * @throws TelegramException when Telegram cannot resolve it
     */
    public static Listing list(AppContext app, String source) throws InterruptedException {
        SourceRef ref = Downloads.source(source);
        app.lock("topics");
        Telegram telegram = app.openLoggedInSession().telegram();
        Chat chat = telegram.resolve(ref, false).chat();
        return new Listing(chat, telegram.forumTopics(chat));
    }
}
