/**
 * The port through which the engine talks to Telegram ({@link dev.tgdl.telegram.Telegram}), its
 * values ({@link dev.tgdl.telegram.Chat}, {@link dev.tgdl.telegram.MediaItem},
 * {@link dev.tgdl.telegram.SourceRef} ...), null-free and free of TDLib types, and its TDLib adapter:
 * {@link dev.tgdl.telegram.TdSession} (a started client of a profile),
 * {@link dev.tgdl.telegram.TdTelegram} (the port over it, TDLib's records and errors turned into the
 * port's values and {@link dev.tgdl.telegram.TelegramException}s) and the
 * {@link dev.tgdl.telegram.LoginFlow}. Beside the port, {@link dev.tgdl.telegram.ChatFeed}: new and
 * edited posts as TDLib reports them ({@link dev.tgdl.telegram.ChatEvent}), for {@code tgdl watch}.
 * The one package above {@code td} that reads TDLib's records.
 *
 * <p>May import: {@code config} (ProxySpec), {@code td}, {@code time}.
 */
package dev.tgdl.telegram;
