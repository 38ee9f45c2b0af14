package dev.tgdl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgdl.app.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void help_listsEveryExitCode_withItsNumberAndMeaning(@TempDir Path home) {
        CliRun.Result help = new CliRun(home).run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Exit codes:");
        for (ExitCode code : ExitCode.values()) {
            assertThat(help.out()).as("--help lists exit code %s", code)
                    .containsPattern("(?m)^ +" + code.code() + " +" + Pattern.quote(code.meaning()) + "$");
        }
    }
}
