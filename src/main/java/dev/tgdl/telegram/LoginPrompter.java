package dev.tgdl.telegram;

/**
 * The user's side of a login: the command line implements it on a terminal, tests with scripted
 * answers. Codes and passwords must be read without echo and never logged.
 */
public interface LoginPrompter {

    /** Asks for the phone number, in international format. */
    String phoneNumber();

    /**
     * Asks for the login code Telegram sent.
     *
     * @param where where it was sent, for the prompt (e.g. "the Telegram app")
     */
    String code(String where);

    /**
     * Asks for the two-step verification password.
     *
     * @param hint the password hint, "" if none
     */
    String password(String hint);

    /** Shows a {@code tg://login?token=...} link as a QR code, replacing any shown before. */
    void showQrCode(String link);

    /** Tells the user something (on stderr). */
    void info(String message);
}
