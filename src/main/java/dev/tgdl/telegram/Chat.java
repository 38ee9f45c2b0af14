package dev.tgdl.telegram;

import java.util.Optional;

/**
 * A chat tgdl reads from.
 *
 * @param id       TDLib's chat id ({@code -100...} for channels and supergroups)
 * @param title    the chat's title
 * @param username its public username, if it has one
 */
public record Chat(long id, String title, Optional<String> username) {

    /** The username, else the title: what {@code {chat}} means in templates. */
    public String displayName() {
        return username.orElse(title);
    }
}
