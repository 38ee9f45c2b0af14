package dev.tgdl.sim;

import java.time.Instant;

/**
 * A message sent with sendMessage and accepted.
 *
 * @param chatId the destination
 * @param text   its text
 * @param at     simulated time it was accepted
 */
public record SentMessage(long chatId, String text, Instant at) {
}
