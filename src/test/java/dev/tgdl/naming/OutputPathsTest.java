package dev.tgdl.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputPathsTest {

    @TempDir
    Path root;

    @Test
    void relativePath_resolvesUnderTheRoot() {
        assertThat(OutputPaths.resolveInside(root, Path.of("a/b.jpg"))).isEqualTo(root.resolve("a/b.jpg"));
    }

    @Test
    void escapes_areRefused() {
        assertThatThrownBy(() -> OutputPaths.resolveInside(root, Path.of("../x"))).hasMessageContaining("leaves");
        assertThatThrownBy(() -> OutputPaths.resolveInside(root, Path.of("/etc/passwd"))).hasMessageContaining("absolute");
        assertThatThrownBy(() -> OutputPaths.resolveInside(root, Path.of("a/../.."))).hasMessageContaining("leaves");
    }

    @Test
    void symlinkInsideTheRootPointingOutside_isRefused(@TempDir Path elsewhere) throws IOException {
        Files.createSymbolicLink(root.resolve("link"), elsewhere);
        assertThatThrownBy(() -> OutputPaths.resolveInside(root, Path.of("link/x.jpg"))).hasMessageContaining("link");
    }

    @Test
    void disambiguate_isDeterministicAndKeepsTheExtension() {
        Path a = OutputPaths.disambiguate(root.resolve("dup.jpg"), "AgADBAADq6cxG");
        Path b = OutputPaths.disambiguate(root.resolve("dup.jpg"), "AgADBAADq6cxG");
        Path c = OutputPaths.disambiguate(root.resolve("dup.jpg"), "AgADBAADq6cxH");
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        assertThat(a.getFileName().toString()).matches("dup~[0-9a-f]{8}\\.jpg");
    }
}
