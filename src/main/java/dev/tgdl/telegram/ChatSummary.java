package dev.tgdl.telegram;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One chat of the account's chat list, as {@code tgdl chats} shows it.
 *
 * @param id          TDLib's chat id ({@code -100...} for channels and supergroups, {@code -N} for basic
 *                    groups, the user id for private chats)
 * @param username    its public username (a user's, for a private chat), if it has one
 * @param title       the chat's title (a user's name, for a private chat)
 * @param type        channel, group or private
 * @param memberCount members (subscribers of a channel); empty for private chats, and when TDLib does
 *                    not know it (it reports 0 for some supergroups and channels)
 */
public record ChatSummary(long id, Optional<String> username, String title, Type type, OptionalInt memberCount) {

    /** What kind of chat it is. */
    public enum Type {
        /** A broadcast channel ({@code chatTypeSupergroup} with {@code is_channel}). */
        CHANNEL,
        /** A basic group, or a supergroup that is not a channel. */
        GROUP,
        /** A private or secret chat with one user. */
        PRIVATE;

        /** The lower-case name, as the command line and --json spell it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The type named {@code label} (any case), if there is one. */
        public static Optional<Type> byLabel(String label) {
            for (Type t : values()) {
                if (t.label().equalsIgnoreCase(label.trim())) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }
}
