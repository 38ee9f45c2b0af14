package dev.tgdl.cli;

import dev.tgdl.config.ConfigException;
import dev.tgdl.telegram.LoginPrompter;
import java.io.PrintStream;
import java.util.Arrays;

/** Login prompts on the terminal: secrets without echo, the QR code redrawn when it refreshes. */
final class TerminalPrompter implements LoginPrompter {

    private final Terminal terminal;
    private final PrintStream err;

    TerminalPrompter(Terminal terminal, PrintStream err) {
        this.terminal = terminal;
        this.err = err;
    }

    @Override
    public String phoneNumber() {
        return terminal.readLine("Phone number (international format, e.g. +15551234567): ")
                .orElseThrow(TerminalPrompter::endOfInput);
    }

    @Override
    public String code(String where) {
        return secret("Login code sent by " + where + ": ");
    }

    @Override
    public String password(String hint) {
        return secret("Two-step verification password" + (hint.isBlank() ? "" : " (hint: " + hint + ")") + ": ");
    }

    private String secret(String prompt) {
        char[] chars = terminal.readSecret(prompt).orElseThrow(TerminalPrompter::endOfInput);
        String value = new String(chars);
        Arrays.fill(chars, '\0');
        return value;
    }

    @Override
    public void showQrCode(String link) {
        err.println();
        err.println("Scan this with Telegram on a logged-in phone: Settings > Devices > Link Desktop Device");
        err.print(QrCodes.render(link));
        err.println("(the code refreshes every 30 seconds or so; waiting for the scan...)");
        err.flush();
    }

    @Override
    public void info(String message) {
        err.println(message);
    }

    private static ConfigException endOfInput() {
        return new ConfigException("login input ended before the login completed: run tgdl login in a terminal");
    }
}
