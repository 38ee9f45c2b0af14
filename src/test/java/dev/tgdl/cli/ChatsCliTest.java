package dev.tgdl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tgdl chats against the built-in simulated account, through the real command line. */
class ChatsCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The built-in account's chat list, newest activity first (SimChatsTest explains the order). */
    private static final List<Long> BUILTIN_LIST = List.of(-1001000000002L, 777000002L, -1001000000001L, -1001000000006L,
            -1001000000003L, -4000001L, -1001000000010L, -1001000000005L, -1001000000009L, -1001000000007L, -1001000000012L,
            -1001000000011L, 777000003L);

    @TempDir
    Path home;

    private CliRun tgdl() {
        return new CliRun(home);
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(c -> ids.add(c.path("id").asLong()));
        return ids;
    }

    @Test
    void table_listsEveryChatInChatListOrder_inAlignedColumns() {
        CliRun.Result r = tgdl().run("--simulate", "chats");

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.getFirst().split("\\s+")).containsSubsequence("id", "type", "username", "members", "title");
        assertThat(lines).hasSize(BUILTIN_LIST.size() + 1);
        for (int i = 0; i < BUILTIN_LIST.size(); i++) {
            assertThat(lines.get(i + 1).strip()).startsWith(BUILTIN_LIST.get(i) + " ");
        }
        // every column starts where its header does
        for (String header : List.of("type", "username", "title")) {
            int column = lines.getFirst().indexOf(header);
            for (String line : lines.subList(1, lines.size())) {
                assertThat(line.charAt(column - 1)).as("%s column of '%s'", header, line).isEqualTo(' ');
                assertThat(line.charAt(column)).as("%s column of '%s'", header, line).isNotEqualTo(' ');
            }
        }
        assertThat(r.out()).contains("@demo", "tgdl demo", "channel", "1000", "@alice_example", "Alice Example",
                "tgdl family", "@chatter");
        // the hostile title's right-to-left override is not passed to the terminal
        assertThat(r.out()).contains("../../hostile?title").doesNotContain("\u202E");
    }

    @Test
    void json_isAnArrayOfSnakeCaseObjects_withNullsForWhatAChatLacks() throws Exception {
        CliRun.Result r = tgdl().run("--simulate", "chats", "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode chats = JSON.readTree(r.out());
        assertThat(chats.isArray()).isTrue();
        assertThat(ids(chats)).isEqualTo(BUILTIN_LIST);
        chats.forEach(c -> {
            List<String> fields = new ArrayList<>();
            c.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("id", "username", "title", "type", "member_count");
        });
        JsonNode demo = chats.get(2);
        assertThat(demo.path("username").asText()).isEqualTo("demo");
        assertThat(demo.path("title").asText()).isEqualTo("tgdl demo");
        assertThat(demo.path("type").asText()).isEqualTo("channel");
        assertThat(demo.path("member_count").asInt()).isEqualTo(1000);
        JsonNode big = chats.get(0);
        assertThat(big.path("member_count").isNull()).as("TDLib reports 0: unknown").isTrue();
        JsonNode bob = chats.get(BUILTIN_LIST.size() - 1);
        assertThat(bob.path("type").asText()).isEqualTo("private");
        assertThat(bob.path("username").isNull()).isTrue();
        assertThat(bob.path("member_count").isNull()).isTrue();
        JsonNode family = chats.get(5);
        assertThat(family.path("type").asText()).isEqualTo("group");
        assertThat(family.path("member_count").asInt()).isEqualTo(5);
        assertThat(chats.get(7).path("title").asText()).isEqualTo("../../hostile\u202Etitle");
    }

    @Test
    void type_keepsOnlyChatsOfThatType_basicGroupsAndSupergroupsBeingGroups() throws Exception {
        JsonNode groups = JSON.readTree(tgdl().run("--simulate", "chats", "--json", "--type", "group").out());
        JsonNode privateChats = JSON.readTree(tgdl().run("--simulate", "chats", "--json", "--type", "private").out());
        JsonNode channels = JSON.readTree(tgdl().run("--simulate", "chats", "--json", "--type", "CHANNEL").out());

        assertThat(ids(groups)).containsExactly(-4000001L, -1001000000010L, -1001000000009L, -1001000000012L);
        assertThat(ids(privateChats)).containsExactly(777000002L, 777000003L);
        // in any order: @growing gains messages with each run on the profile, and so moves up the list
        assertThat(ids(channels)).containsExactlyInAnyOrder(-1001000000002L, -1001000000001L, -1001000000006L, -1001000000003L,
                -1001000000005L, -1001000000011L, -1001000000007L);
        channels.forEach(c -> assertThat(c.path("type").asText()).isEqualTo("channel"));
    }

    @Test
    void limit_keepsTheTopOfTheList_andCountsOnlyChatsOfTheType() throws Exception {
        JsonNode three = JSON.readTree(tgdl().run("--simulate", "chats", "--json", "--limit", "3").out());
        JsonNode onePrivate = JSON.readTree(tgdl().run("--simulate", "chats", "--json", "--limit", "1", "--type", "private").out());

        assertThat(ids(three)).isEqualTo(BUILTIN_LIST.subList(0, 3));
        assertThat(ids(onePrivate)).containsExactly(777000002L);
    }

    @Test
    void badTypeOrLimit_exit2_withOneLineNamingTheFlag_beforeAnySession() {
        CliRun.Result bogus = tgdl().run("--simulate", "chats", "--type", "bogus");
        CliRun.Result zero = tgdl().run("--simulate", "chats", "--limit", "0");

        assertThat(bogus.exitCode()).isEqualTo(2);
        assertThat(bogus.err().strip().lines().toList()).singleElement().asString()
                .contains("--type", "bogus", "channel", "group", "private");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err().strip().lines().toList()).singleElement().asString().contains("--limit");
        assertThat(bogus.out()).isEmpty();
        assertThat(home.resolve("data/tgdl/simulated/builtin/default/tdlib/db/tgdl-sim-session.json")).doesNotExist();
    }

    @Test
    void withoutASession_exits3() {
        CliRun.Result r = tgdl().run("chats");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("tgdl login");
    }
}
