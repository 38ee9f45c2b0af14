/**
 * tgdl archives the media of Telegram channels and groups as a user account, through TDLib. This
 * root package holds only {@link dev.tgdl.Main}, the entry point: it builds the command line with
 * {@code cli.Cli} and is the only place that calls {@code System.exit}. The layers below are
 * described in {@code docs/architecture.md}; {@code ArchitectureTest} enforces them.
 *
 * <p>May import: {@code cli}.
 */
package dev.tgdl;
