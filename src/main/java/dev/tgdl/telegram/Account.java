package dev.tgdl.telegram;

import java.util.Optional;

/**
 * The logged-in user.
 *
 * @param id          user id
 * @param firstName   first name
 * @param lastName    last name ("" if none)
 * @param username    the first active username, if any
 * @param phoneNumber the phone number, digits only as TDLib gives it
 * @param premium     whether the account has Telegram Premium (faster downloads)
 */
public record Account(long id, String firstName, String lastName, Optional<String> username, String phoneNumber,
                      boolean premium) {
}
