package dev.tgdl.app;

import dev.tgdl.telegram.Account;
import dev.tgdl.telegram.LoginFlow;
import dev.tgdl.telegram.LoginPrompter;
import dev.tgdl.telegram.LoginRequiredException;
import dev.tgdl.telegram.TdSession;

/** login, logout and whoami. */
public final class Accounts {

    private Accounts() {
    }

    /**
     * Fails with exit 2 when no API credentials are configured (never needed with --simulate).
     *
     * @throws ConfigException naming the keys and where to get them
     */
    public static void requireCredentials(AppContext app) {
        app.credentials();
    }

    /** Logs in (or confirms an existing login) and returns the account. */
    public static Account login(AppContext app, LoginPrompter prompter, LoginFlow.Options options) throws InterruptedException {
        requireCredentials(app);
        app.lock("login");
        TdSession session = app.openSession();
        return new LoginFlow(session, prompter, options).run();
    }

    /** The logged-in account. */
    public static Account whoami(AppContext app) throws InterruptedException {
        app.lock("whoami");
        return app.openLoggedInSession().telegram().me();
    }

    /**
     * Logs out.
     *
     * @return false when there was no session
     */
    public static boolean logout(AppContext app) throws InterruptedException {
        app.lock("logout");
        TdSession session;
        try {
            session = app.openLoggedInSession();
        } catch (LoginRequiredException e) {
            return false;
        }
        session.logOut();
        return true;
    }

    /** "First Last (@user), id 123" for people. */
    public static String describe(Account a) {
        String name = (a.firstName() + " " + a.lastName()).trim();
        return name + a.username().map(u -> " (@" + u + ")").orElse("") + ", id " + a.id()
                + (a.premium() ? ", premium" : "");
    }
}
