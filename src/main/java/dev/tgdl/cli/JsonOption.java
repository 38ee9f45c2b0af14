package dev.tgdl.cli;

import picocli.CommandLine.Option;

/** {@code --json}: the command's result as one JSON document on stdout instead of text. */
final class JsonOption {

    @Option(names = "--json", description = "Print the result as a JSON document on stdout.")
    boolean enabled;
}
