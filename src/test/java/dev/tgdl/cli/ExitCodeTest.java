package dev.tgdl.cli;

import dev.tgdl.app.ExitCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The exit-code table, the README and --help say the same. */
class ExitCodeTest {

    @Test
    void readmeDocumentsEveryExitCode() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("tgdl.home", ".")).resolve("README.md"));
        for (ExitCode code : ExitCode.values()) {
            assertThat(readme).as("README documents exit code %d", code.code()).containsPattern("\\| *" + code.code() + " *\\|");
        }
    }

    @Test
    void helpFooterListsEveryExitCode(@org.junit.jupiter.api.io.TempDir Path home) {
        CliRun.Result help = new CliRun(home).run("--help");
        assertThat(help.exitCode()).isZero();
        for (ExitCode code : ExitCode.values()) {
            assertThat(help.out()).containsPattern("\\b" + code.code() + " [a-z]");
        }
    }
}
