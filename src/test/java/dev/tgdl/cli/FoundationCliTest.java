package dev.tgdl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract of the foundation: versions, login required, credentials, usage errors. */
class FoundationCliTest {

    @TempDir
    Path home;

    @Test
    void version_printsTgdlAndTdlibVersions() {
        CliRun.Result r = new CliRun(home).run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("tgdl 0.1.0").contains("TDLib 1.8.67");
    }

    @Test
    void simulatedVersion_saysSimulated() {
        CliRun.Result r = new CliRun(home).run("--simulate", "--version");
        assertThat(r.out()).contains("TDLib 1.8.67 (simulated)");
    }

    @Test
    void whoamiWithoutSession_exits3_withTheLoginHint() {
        CliRun.Result r = new CliRun(home).run("whoami");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("tgdl: not logged in: run tgdl login");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void loginWithoutApiId_exits2_namingTheKeys_evenWithoutATerminal() {
        CliRun.Result r = new CliRun(home).run("login");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("api_id").contains("api_hash").contains("my.telegram.org").contains("TGDL_API_ID");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void loginWithoutATerminal_exits2() {
        CliRun.Result r = new CliRun(home).env("TGDL_API_ID", "12345").env("TGDL_API_HASH", "abc").run("login");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("interactive");
    }

    @Test
    void simulatedWhoami_printsTheSimulatedUserAsJson() {
        CliRun.Result r = new CliRun(home).run("--simulate", "whoami", "--json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("\"first_name\" : \"Demo\"").contains("\"username\" : \"tgdl_demo\"")
                .contains("\"simulated\" : true");
    }

    @Test
    void malformedProxy_exits2_withTheAcceptedForms() {
        CliRun.Result r = new CliRun(home).run("--proxy", "ftp://x:1", "whoami");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("bad proxy").contains("socks5://");
    }

    @Test
    void unknownCommandAndOption_exit2() {
        assertThat(new CliRun(home).run("frobnicate").exitCode()).isEqualTo(2);
        CliRun.Result r = new CliRun(home).run("download", "--bogus", "@demo");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--bogus");
    }

    @Test
    void missingLibrary_exits2_withOneLineNamingTheOptions() {
        CliRun.Result r = new CliRun(home).env("TGDL_API_ID", "1").env("TGDL_API_HASH", "x").typing("+15550100001")
                .run("--tdjson", home.resolve("nope.so").toString(), "login");
        // credentials and terminal are there; the library is the problem
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("libtdjson not found").contains("--tdjson").contains("TGDL_TDJSON");
    }

    @Test
    void brokenLibraryFile_exits2_withOneLine() throws IOException {
        Path bogus = Files.writeString(home.resolve("libtdjson.so"), "not a library");
        CliRun.Result r = new CliRun(home).env("TGDL_TDJSON", bogus.toString()).run("--version");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).contains("tgdl 0.1.0").contains("TDLib not available");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("cannot load libtdjson").contains("--tdjson");
    }

    @Test
    void profileFolder_isOwnerOnly() throws IOException {
        new CliRun(home).run("whoami");
        Path profile = home.resolve("data/tgdl/default");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profile))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profile.resolve("tdlib/db"))))
                .isEqualTo("rwx------");
    }

    @Test
    void completion_printsABashScript() {
        CliRun.Result r = new CliRun(home).run("completion", "bash");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("complete -F").contains("download");
    }

    @Test
    void traceFile_recordsTheWire_withSecretsMasked() throws IOException {
        Path trace = home.resolve("trace.jsonl");
        new CliRun(home).run("--simulate", "--trace-td", trace.toString(), "whoami");
        String text = Files.readString(trace);
        assertThat(text).contains("> {\"@type\":\"setTdlibParameters\"").contains("< {\"@type\":\"user\"");
        assertThat(text).contains("\"api_hash\":\"***\"").doesNotContain("a3406de8d171bb422bb6ddf3bbd800e2");
        assertThat(text).contains("\"phone_number\":\"***\"");
    }
}
