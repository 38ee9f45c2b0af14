/**
 * The command line: picocli commands built by {@link dev.tgdl.cli.Cli} for {@code Main} and the
 * tests alike. Each command is thin: it turns its options into an {@code app} request, calls one
 * {@code app} method, prints the result (stdout carries results only; logs, prompts and progress go
 * to stderr), and maps what was thrown to an exit code in one place ({@code ExitCodes}). The terminal
 * lives here too: live progress, prompts without echo, QR codes. The only package that imports picocli.
 *
 * <p>May import: {@code app}, {@code archive}, {@code bench}, {@code config}, {@code download},
 * {@code pacing}, {@code td} (only TdLibraryException, mapped to exit code 2), {@code telegram},
 * {@code time}.
 */
package dev.tgdl.cli;
