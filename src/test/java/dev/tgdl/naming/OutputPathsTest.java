package dev.tgdl.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputPathsTest {

    @TempDir
    Path temp;

    private Path root;
    private Path outside;

    @BeforeEach
    void folders() throws IOException {
        root = Files.createDirectory(temp.resolve("out"));
        outside = Files.createDirectory(temp.resolve("elsewhere"));
    }

    @Nested
    class ResolveInside {

        @Test
        void joinsARelativePathBelowTheRoot() {
            assertThat(OutputPaths.resolveInside(root, Path.of("chat", "42_x.jpg"))).isEqualTo(root.resolve("chat/42_x.jpg"));
        }

        @Test
        void normalisesInnerParentSteps() {
            assertThat(OutputPaths.resolveInside(root, Path.of("a/../b.jpg"))).isEqualTo(root.resolve("b.jpg"));
            assertThat(OutputPaths.resolveInside(root.resolve("x/.."), Path.of("./b.jpg"))).isEqualTo(root.resolve("b.jpg"));
        }

        @Test
        void rejectsParentStepsThatLeave() {
            assertThatThrownBy(() -> OutputPaths.resolveInside(root, Path.of("../../etc/passwd")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("path \"../../etc/passwd\" escapes the output folder \"%s\"", root);
            assertThatThrownBy(() -> OutputPaths.resolveInside(root, Path.of("a/../../out2/x")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("path \"a/../../out2/x\" escapes the output folder \"%s\"", root);
        }

        @Test
        void rejectsAPathThatIsTheRootItself() {
            assertThatThrownBy(() -> OutputPaths.resolveInside(root, Path.of("")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("path \"\" escapes the output folder \"%s\"", root);
            assertThatThrownBy(() -> OutputPaths.resolveInside(root, Path.of("a/..")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void rejectsAnAbsolutePath() {
            assertThatThrownBy(() -> OutputPaths.resolveInside(root, Path.of("/etc/passwd")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("path \"/etc/passwd\" is absolute; it must be relative to the output folder \"%s\"", root);
        }

        @Test
        void rejectsADirectoryLinkThatPointsOutside() throws IOException {
            Files.createSymbolicLink(root.resolve("chat"), outside);
            assertThatThrownBy(() -> OutputPaths.resolveInside(root, Path.of("chat", "x.jpg")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("path \"chat/x.jpg\" leaves the output folder \"%s\" through a symbolic link (it leads to \"%s\")",
                            root, outside.toRealPath().resolve("x.jpg"));
        }

        @Test
        void rejectsADirectoryLinkDeeperThanTheFirstMissingFolder() throws IOException {
            Files.createDirectories(root.resolve("a/b"));
            Files.createSymbolicLink(root.resolve("a/b/c"), outside);
            assertThatThrownBy(() -> OutputPaths.resolveInside(root, Path.of("a/b/c/d/e/x.jpg")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("through a symbolic link");
        }

        @Test
        void rejectsAFileLinkThatPointsOutside() throws IOException {
            Path secret = Files.writeString(outside.resolve("secret"), "keep");
            Files.createSymbolicLink(root.resolve("x.jpg"), secret);
            assertThatThrownBy(() -> OutputPaths.resolveInside(root, Path.of("x.jpg")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("through a symbolic link");
        }

        @Test
        void rejectsADanglingLink() throws IOException {
            Files.createSymbolicLink(root.resolve("x.jpg"), outside.resolve("not-yet"));
            assertThatThrownBy(() -> OutputPaths.resolveInside(root, Path.of("x.jpg")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("\"%s\" is a symbolic link to a missing target; it could lead outside the output folder",
                            root.resolve("x.jpg"));
        }

        @Test
        void rejectsALinkBackToTheRoot() throws IOException {
            Files.createSymbolicLink(root.resolve("loop"), root);
            assertThatThrownBy(() -> OutputPaths.resolveInside(root, Path.of("loop")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("through a symbolic link");
        }

        @Test
        void acceptsALinkThatStaysInside() throws IOException {
            Path real = Files.createDirectory(root.resolve("real"));
            Files.createSymbolicLink(root.resolve("alias"), real);
            assertThat(OutputPaths.resolveInside(root, Path.of("alias/x.jpg"))).isEqualTo(root.resolve("alias/x.jpg"));
        }

        @Test
        void acceptsARootThatIsItselfALink() throws IOException {
            Path link = Files.createSymbolicLink(temp.resolve("link-to-out"), root);
            assertThat(OutputPaths.resolveInside(link, Path.of("chat/x.jpg"))).isEqualTo(link.resolve("chat/x.jpg"));
        }

        @Test
        void acceptsARootThatDoesNotExistYet() {
            Path missing = temp.resolve("not/yet/there");
            assertThat(OutputPaths.resolveInside(missing, Path.of("chat/x.jpg"))).isEqualTo(missing.resolve("chat/x.jpg"));
        }

        @Test
        void makesARelativeRootAbsolute() {
            Path result = OutputPaths.resolveInside(Path.of("relative-out"), Path.of("x.jpg"));
            assertThat(result).isAbsolute().isEqualTo(Path.of("relative-out/x.jpg").toAbsolutePath());
        }
    }

    @Nested
    class Disambiguate {

        @Test
        void insertsEightHexDigitsOfAHashOfTheUniqueIdBeforeTheExtension() {
            Path result = OutputPaths.disambiguate(Path.of("chat/x.jpg"), "AQADcq4xG2nJ2Ut-");
            assertThat(result.getParent()).isEqualTo(Path.of("chat"));
            assertThat(result.getFileName().toString()).matches("x~[0-9a-f]{8}\\.jpg");
        }

        @Test
        void isDeterministic() {
            Path first = OutputPaths.disambiguate(Path.of("chat/x.jpg"), "AQADcq4xG2nJ2Ut-");
            Path second = OutputPaths.disambiguate(Path.of("chat/x.jpg"), "AQADcq4xG2nJ2Ut-");
            assertThat(first).isEqualTo(second);
        }

        @Test
        void tellsApartUniqueIdsThatShareAPrefix() {
            // Telegram's unique ids of one kind of file start alike: their first characters are no tag
            Path a = OutputPaths.disambiguate(Path.of("x.jpg"), "AgADZQADz3vgSQ");
            Path b = OutputPaths.disambiguate(Path.of("x.jpg"), "AgADZQADz3vgSR");
            assertThat(a).isNotEqualTo(b);
        }

        @Test
        void givesTwoFilesThatCleanToOneNameTwoPlaces() {
            String first = FileNames.clean("report:v1.pdf", "x");
            String second = FileNames.clean("report?v1.pdf", "x");
            assertThat(first).isEqualTo(second).isEqualTo("report_v1.pdf");
            Path taken = Path.of("chat", first);
            Path other = OutputPaths.disambiguate(taken, "BQADBAADr6cxG2Y");
            assertThat(other.getFileName().toString()).matches("report_v1~[0-9a-f]{8}\\.pdf");
            assertThat(other).isNotEqualTo(taken);
        }

        @Test
        void worksWithoutAnExtension() {
            assertThat(OutputPaths.disambiguate(Path.of("README"), "AgADZQADz3vgSQ").toString()).matches("README~[0-9a-f]{8}");
        }

        @Test
        void staysWithinTheByteLimit() {
            Path longest = Path.of("a".repeat(251) + ".mp4");
            Path result = OutputPaths.disambiguate(longest, "AQADcq4xG2nJ2Ut-");
            assertThat(result.toString()).matches("a{242}~[0-9a-f]{8}\\.mp4");
            assertThat(result.toString().getBytes(StandardCharsets.UTF_8)).hasSize(255);
        }

        @Test
        void aHostileUniqueIdNeverReachesTheName() {
            assertThat(OutputPaths.disambiguate(Path.of("x.jpg"), "../\u202E/a b:c").toString()).matches("x~[0-9a-f]{8}\\.jpg");
            assertThat(OutputPaths.disambiguate(Path.of("x.jpg"), "../\u202E").toString()).matches("x~[0-9a-f]{8}\\.jpg");
        }

        @Test
        void rejectsAPathWithoutAFileName() {
            assertThatThrownBy(() -> OutputPaths.disambiguate(Path.of("/"), "AQAD"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("path \"/\" has no file name to disambiguate");
        }
    }
}
