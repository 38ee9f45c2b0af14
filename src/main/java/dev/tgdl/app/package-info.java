/**
 * What each command does, without the command line: {@link dev.tgdl.app.Downloads} and
 * {@link dev.tgdl.app.Archives} check a request, build the engine and run it;
 * {@link dev.tgdl.app.Watches} runs it in passes as TDLib reports new posts;
 * {@link dev.tgdl.app.Accounts} logs in and out. {@link dev.tgdl.app.AppContext} is the composition
 * root: from the {@link dev.tgdl.app.GlobalOptions} it builds the layered configuration, the
 * profile, the clock (the simulator's with {@code --simulate}), the TDLib backend, the session, the
 * manifest and the run lock, and closes them all. Also here: the exit codes
 * ({@link dev.tgdl.app.ExitCode}), logging, and the JSON form of stats documents. Nothing here
 * parses arguments or imports picocli.
 *
 * <p>May import: {@code archive}, {@code config}, {@code download}, {@code naming}, {@code pacing},
 * {@code sim}, {@code td} (only to choose the backend: TdJson, TdLibraryLocator, TracingTdJson; no
 * TDLib records), {@code telegram}, {@code time}.
 */
package dev.tgdl.app;
