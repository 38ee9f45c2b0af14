/**
 * TDLib's JSON interface, with none of Telegram's meaning: {@link dev.tgdl.td.TdJson} (libtdjson's
 * four C functions; {@link dev.tgdl.td.NativeTdJson} calls them through FFM,
 * {@link dev.tgdl.td.TracingTdJson} records them, {@link dev.tgdl.td.TdLibraryLocator} finds the
 * library), {@link dev.tgdl.td.TdRuntime} (the one receive loop of a backend),
 * {@link dev.tgdl.td.TdClient} (requests correlated by {@code @extra}, updates to listeners), and the
 * wire records {@link dev.tgdl.td.TdApi} and {@link dev.tgdl.td.TdFunctions}, named as in
 * {@code td_api.tl}. Only {@code telegram} reads the records; above it only the app's choice of
 * backend and the exit code of a missing library touch this package.
 *
 * <p>May import: {@code time}.
 */
package dev.tgdl.td;
