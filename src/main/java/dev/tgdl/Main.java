package dev.tgdl;

import dev.tgdl.cli.Cli;
import dev.tgdl.cli.CliContext;

/** The entry point; the only place tgdl calls {@code System.exit}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(CliContext.system(), args));
    }
}
