package dev.tgdl.telegram;

import dev.tgdl.td.TdApi;
import dev.tgdl.td.TdClient;
import dev.tgdl.td.TdException;
import dev.tgdl.td.TdFunctions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives TDLib's authorization state machine to {@code authorizationStateReady}: phone number →
 * code → two-step password, or a QR code confirmed from another device. Every other state TDLib
 * can reach (registration, login email, premium purchase) ends the flow with a message that says
 * what to do instead.
 */
public final class LoginFlow {

    private static final Logger LOG = LoggerFactory.getLogger(LoginFlow.class);
    private static final int ATTEMPTS = 3;

    /**
     * How to log in.
     *
     * @param phone       the phone number, or empty to ask
     * @param qr          log in by scanning a QR code with a logged-in device instead
     * @param stateWait   real time to wait for TDLib between steps (a QR scan can take minutes)
     */
    public record Options(Optional<String> phone, boolean qr, Duration stateWait) {
    }

    private final TdSession session;
    private final LoginPrompter prompter;
    private final Options options;

    public LoginFlow(TdSession session, LoginPrompter prompter, Options options) {
        this.session = session;
        this.prompter = prompter;
        this.options = options;
    }

    /**
     * Logs in, or returns at once when the session already is.
     *
     * @return the account logged in
     * @throws LoginFailedException when the login cannot complete
     */
    public Account run() throws InterruptedException {
        TdClient client = session.client();
        int phoneTries = 0;
        int codeTries = 0;
        int passwordTries = 0;
        while (true) {
            TdApi.AuthorizationState state = session.state();
            switch (state) {
                case TdApi.AuthorizationStateReady ready -> {
                    return session.telegram().me();
                }
                case TdApi.AuthorizationStateWaitPhoneNumber wait when options.qr() ->
                        step(client, new TdFunctions.RequestQrCodeAuthentication(List.of()), state);
                case TdApi.AuthorizationStateWaitPhoneNumber wait -> {
                    String phone = phoneTries == 0 && options.phone().isPresent() ? options.phone().get() : prompter.phoneNumber();
                    phoneTries++;
                    if (!tryStep(client, new TdFunctions.SetAuthenticationPhoneNumber(normalizePhone(phone)), state,
                            phoneTries, "phone number")) {
                        continue;
                    }
                }
                case TdApi.AuthorizationStateWaitCode wait -> {
                    String code = prompter.code("Telegram (check the Telegram app or SMS)");
                    codeTries++;
                    if (!tryStep(client, new TdFunctions.CheckAuthenticationCode(code.trim()), state, codeTries, "code")) {
                        continue;
                    }
                }
                case TdApi.AuthorizationStateWaitPassword wait -> {
                    String password = prompter.password(wait.passwordHint() == null ? "" : wait.passwordHint());
                    passwordTries++;
                    if (!tryStep(client, new TdFunctions.CheckAuthenticationPassword(password), state, passwordTries,
                            "password")) {
                        continue;
                    }
                }
                case TdApi.AuthorizationStateWaitOtherDeviceConfirmation confirm -> {
                    prompter.showQrCode(confirm.link());
                    // the next state: a refreshed link, a password request, or ready
                    awaitChange(client, state);
                }
                case TdApi.AuthorizationStateWaitRegistration r -> throw new LoginFailedException(
                        "no Telegram account uses this phone number: sign up in an official Telegram app first, then run tgdl login");
                case TdApi.AuthorizationStateWaitEmailAddress e -> throw new LoginFailedException(
                        "Telegram wants this account to set up a login email first: do it in an official Telegram app, then run tgdl login");
                case TdApi.AuthorizationStateWaitEmailCode e -> throw new LoginFailedException(
                        "Telegram wants a code sent to this account's login email, which tgdl does not support: "
                                + "log in once in an official Telegram app, or use tgdl login --qr");
                case TdApi.AuthorizationStateWaitPremiumPurchase p -> throw new LoginFailedException(
                        "Telegram requires a Premium subscription to log in from a new device with this number: "
                                + "use tgdl login --qr from a logged-in device");
                case TdApi.AuthorizationStateWaitTdlibParameters p -> awaitChange(client, state);
                default -> throw new LoginFailedException("TDLib ended the login (state "
                        + state.getClass().getSimpleName() + "): run tgdl login again");
            }
        }
    }

    private void step(TdClient client, TdApi.Function<TdApi.Ok> request, TdApi.AuthorizationState before)
            throws InterruptedException {
        try {
            client.call(request);
        } catch (TdException e) {
            throw new LoginFailedException("Telegram refused the login: " + e.tdMessage());
        }
        awaitChange(client, before);
    }

    /** Sends a step; on a rejected answer tells the user and returns false so the step is asked again. */
    private boolean tryStep(TdClient client, TdApi.Function<TdApi.Ok> request, TdApi.AuthorizationState before,
                            int attempt, String what) throws InterruptedException {
        try {
            client.call(request);
        } catch (TdException e) {
            if (e.code() == 400 && attempt < ATTEMPTS && retryable(e.tdMessage())) {
                prompter.info("that " + what + " was not accepted (" + e.tdMessage() + "); try again");
                return false;
            }
            throw new LoginFailedException("Telegram refused the " + what + ": " + e.tdMessage()
                    + (e.code() == 429 ? " (too many attempts: wait, then run tgdl login again)" : ""));
        }
        awaitChange(client, before);
        return true;
    }

    private static boolean retryable(String message) {
        return message.startsWith("PHONE_NUMBER_INVALID") || message.startsWith("PHONE_CODE_INVALID")
                || message.startsWith("PASSWORD_HASH_INVALID") || message.startsWith("PHONE_CODE_EMPTY");
    }

    private void awaitChange(TdClient client, TdApi.AuthorizationState before) throws InterruptedException {
        try {
            client.awaitAuthorizationState(s -> !s.equals(before), options.stateWait());
        } catch (TimeoutException e) {
            LOG.debug("no authorization change after {}", before.getClass().getSimpleName());
            throw new LoginFailedException("Telegram did not answer in " + options.stateWait().toMinutes()
                    + " min (no network?): run tgdl login again");
        }
    }

    /** Keeps a leading '+' and the digits: people paste numbers with spaces, dashes and brackets. */
    static String normalizePhone(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        return (phone.trim().startsWith("+") ? "+" : "") + digits;
    }
}
