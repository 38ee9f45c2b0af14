package dev.tgdl.download;

/**
 * A source that cannot be read as asked, for a reason tgdl found itself (a topic that does not exist,
 * {@code --topic} on a chat that is no forum, {@code --comments} on a chat without a discussion group).
 * Reported like a source Telegram refused: one line, the other sources still run, exit code 1.
 */
final class SourceProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SourceProblem(String message) {
        super(message, null, false, false);
    }
}
