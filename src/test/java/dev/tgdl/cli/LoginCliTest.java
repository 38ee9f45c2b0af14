package dev.tgdl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tgdl login against login scenarios of the simulator, answers typed at the prompts. */
class LoginCliTest {

    @TempDir
    Path home;

    private Path scenario(String auth) throws IOException {
        return Files.writeString(home.resolve("login.yaml"), """
                time_scale: 50
                auth:
                %s
                channels:
                  - {username: demo, id: 1000000001, messages: 10}
                """.formatted(auth.indent(2)));
    }

    @Test
    void phoneCodeAndPassword_logIn_andTheSessionPersists() throws IOException {
        Path file = scenario("{authorized: false, code: '24680', password: 'hunter2', password_hint: 'the usual'}");
        CliRun.Result login = new CliRun(home).typing("+1 555 010-0001", "24680", "hunter2")
                .run("--simulate=" + file, "login");

        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.out()).contains("logged in as Sim User (@tgdl_sim)");
        assertThat(login.err()).contains("Phone number").contains("Login code").contains("hint: the usual");
        assertThat(login.err()).doesNotContain("24680").doesNotContain("hunter2");
        CliRun.Result whoami = new CliRun(home).run("--simulate=" + file, "whoami");
        assertThat(whoami.exitCode()).isZero();
        assertThat(whoami.out()).contains("Sim User");
        assertThat(Files.readString(home.resolve("data/tgdl").resolve(
                Files.list(home.resolve("data/tgdl/simulated")).findFirst().orElseThrow()).resolve("default/logs/tgdl.log")))
                .doesNotContain("24680").doesNotContain("hunter2");
    }

    @Test
    void wrongCode_isAskedAgain_thenAccepted() throws IOException {
        Path file = scenario("{authorized: false, code: '24680'}");
        CliRun.Result login = new CliRun(home).typing("+15550100001", "11111", "24680").run("--simulate=" + file, "login");
        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.err()).contains("PHONE_CODE_INVALID").contains("try again");
    }

    @Test
    void threeWrongPasswords_exit3() throws IOException {
        Path file = scenario("{authorized: false, code: '24680', password: 'right'}");
        CliRun.Result login = new CliRun(home).typing("+15550100001", "24680", "a", "b", "c")
                .run("--simulate=" + file, "login");
        assertThat(login.exitCode()).isEqualTo(3);
        assertThat(login.err()).contains("PASSWORD_HASH_INVALID");
    }

    @Test
    void qrLogin_showsACode_andCompletes() throws IOException {
        Path file = scenario("{authorized: false, qr_confirm_after: 40s, qr_refresh: 15s}");
        CliRun.Result login = new CliRun(home).typing().run("--simulate=" + file, "login", "--qr");
        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.err()).contains("Scan this").contains("█");
        // the code was refreshed at least twice before the scan confirmed it
        assertThat(login.err().split("Scan this", -1).length - 1).isGreaterThanOrEqualTo(3);
    }

    @Test
    void numberWithoutAccount_exits3_sayingToSignUp() throws IOException {
        Path file = scenario("{authorized: false, code: '24680', registered: false}");
        CliRun.Result login = new CliRun(home).typing("+15550100001", "24680").run("--simulate=" + file, "login");
        assertThat(login.exitCode()).isEqualTo(3);
        assertThat(login.err()).contains("sign up");
    }

    @Test
    void premiumPurchaseState_exits3_withAClearMessage() throws IOException {
        Path file = scenario("{authorized: false, code: '24680', premium_purchase: true}");
        CliRun.Result login = new CliRun(home).typing("+15550100001", "24680").run("--simulate=" + file, "login");
        assertThat(login.exitCode()).isEqualTo(3);
        assertThat(login.err()).contains("Premium").contains("--qr");
    }

    @Test
    void logout_endsTheSession_thenWhoamiExits3() throws IOException {
        Path file = scenario("{authorized: true}");
        assertThat(new CliRun(home).run("--simulate=" + file, "whoami").exitCode()).isZero();
        CliRun.Result logout = new CliRun(home).run("--simulate=" + file, "logout");
        assertThat(logout.exitCode()).isZero();
        assertThat(logout.out()).contains("logged out");
        assertThat(new CliRun(home).run("--simulate=" + file, "whoami").exitCode()).isEqualTo(3);
    }

    @Test
    void badScenarioFile_exits2_namingTheKey() throws IOException {
        Path file = Files.writeString(home.resolve("bad.yaml"), "limits:\n  bandwith: 1MB\n");
        CliRun.Result r = new CliRun(home).run("--simulate=" + file, "whoami");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("bandwith");
    }
}
