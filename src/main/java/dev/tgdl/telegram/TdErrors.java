package dev.tgdl.telegram;

import dev.tgdl.td.FloodWaitException;
import dev.tgdl.td.TdException;
import java.util.Set;

/** Classifies TDLib's errors for the engine (see {@link TelegramException.Kind}). */
final class TdErrors {

    private static final Set<String> ACCESS = Set.of("CHANNEL_PRIVATE", "CHAT_ADMIN_REQUIRED", "CHANNEL_PUBLIC_GROUP_NA",
            "USER_BANNED_IN_CHANNEL", "CHAT_FORBIDDEN", "Can't access the chat", "INVITE_HASH_EXPIRED",
            "INVITE_REQUEST_SENT", "CHAT_RESTRICTED");
    private static final Set<String> NOT_FOUND = Set.of("USERNAME_NOT_OCCUPIED", "USERNAME_INVALID", "Chat not found",
            "Message not found", "INVITE_HASH_INVALID", "CHANNEL_INVALID", "PEER_ID_INVALID",
            "Invalid chat identifier specified", "MESSAGE_ID_INVALID");

    private TdErrors() {
    }

    static TelegramException map(TdException e, String context) {
        String what = context + ": " + e.tdMessage();
        if (e instanceof FloodWaitException flood) {
            return new TelegramException(TelegramException.Kind.FLOOD_WAIT, what, flood.retryAfter(), e);
        }
        if (e.code() == 401) {
            return new TelegramException(TelegramException.Kind.UNAUTHORIZED, what, null, e);
        }
        if (ACCESS.contains(e.tdMessage())) {
            return new TelegramException(TelegramException.Kind.ACCESS_DENIED, what, null, e);
        }
        if (NOT_FOUND.contains(e.tdMessage())) {
            return new TelegramException(TelegramException.Kind.NOT_FOUND, what, null, e);
        }
        if (e.code() >= 500 || e.code() == 420 || e.code() == 406 && e.tdMessage().contains("TIMEOUT")) {
            return new TelegramException(TelegramException.Kind.TRANSIENT, what, null, e);
        }
        if (e.code() == 403) {
            return new TelegramException(TelegramException.Kind.ACCESS_DENIED, what, null, e);
        }
        return new TelegramException(TelegramException.Kind.INVALID, what, null, e);
    }
}
