package dev.tgdl.td;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tgdl.testing.Threads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What libtdjson does offline, as a suite that runs unchanged against every {@link TdJson} backend:
 * the real library ({@code NativeTdJsonContractTest}) and the simulator ({@code SimulatedTdJsonContractTest}).
 * A backend passes when tgdl cannot tell the two apart on these behaviours.
 */
public abstract class TdJsonContract {

    protected static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    protected Path dir;

    private final List<TdClient> clients = new CopyOnWriteArrayList<>();

    /**
     * The backend under test, with no network: requests that need Telegram's servers stay pending.
     * Called once per test; may return the same instance every time.
     */
    protected abstract TdJson backend();

    protected TdClient newClient() {
        TdClient client = TdRuntime.of(backend()).newClient();
        clients.add(client);
        return client;
    }

    @AfterEach
    void closeClients() {
        clients.forEach(TdClient::close);
    }

    protected TdFunctions.SetTdlibParameters parameters() {
        return new TdFunctions.SetTdlibParameters(false, dir.resolve("db").toString(), dir.resolve("files").toString(),
                "", true, true, true, false, 94575, "a3406de8d171bb422bb6ddf3bbd800e2", "en", "tgdl test", "linux",
                "0.1.0");
    }

    @Test
    void firstRequest_startsClient_withVersionOptionThenWaitTdlibParameters() throws Exception {
        TdClient client = newClient();
        List<TdApi.Update> updates = new CopyOnWriteArrayList<>();
        client.addUpdateListener(updates::add);

        TdApi.OptionValue version = client.call(new TdFunctions.GetOption("version"));

        assertThat(version).isInstanceOf(TdApi.OptionValueString.class);
        client.awaitAuthorizationState(s -> s instanceof TdApi.AuthorizationStateWaitTdlibParameters, WAIT);
        assertThat(updates.getFirst()).isEqualTo(new TdApi.UpdateOption("version", version));
        assertThat(updates).contains(new TdApi.UpdateAuthorizationState(new TdApi.AuthorizationStateWaitTdlibParameters()));
    }

    @Test
    void requestBeforeSetTdlibParameters_fails400InitializationNeeded() {
        TdClient client = newClient();

        assertThatThrownBy(() -> client.call(new TdFunctions.GetMe()))
                .isInstanceOfSatisfying(TdException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.tdMessage()).isEqualTo("Initialization parameters are needed: call setTdlibParameters first");
                });
    }

    @Test
    void freshDatabase_reachesWaitPhoneNumber() throws Exception {
        TdClient client = newClient();
        client.call(new TdFunctions.GetOption("version"));

        client.call(parameters());

        assertThat(client.awaitAuthorizationState(s -> s instanceof TdApi.AuthorizationStateWaitPhoneNumber, WAIT))
                .isEqualTo(new TdApi.AuthorizationStateWaitPhoneNumber());
    }

    @Test
    void requestBeforeLogin_fails401Unauthorized() throws Exception {
        TdClient client = newClient();
        client.call(parameters());
        client.awaitAuthorizationState(s -> s instanceof TdApi.AuthorizationStateWaitPhoneNumber, WAIT);

        assertThatThrownBy(() -> client.call(new TdFunctions.GetMe()))
                .isInstanceOfSatisfying(TdException.class, e -> {
                    assertThat(e.code()).isEqualTo(401);
                    assertThat(e.tdMessage()).isEqualTo("Unauthorized");
                });
    }

    @Test
    void chatListRequestsBeforeLogin_parse_andFail401Unauthorized() throws Exception {
        TdClient client = newClient();
        client.call(parameters());
        client.awaitAuthorizationState(s -> s instanceof TdApi.AuthorizationStateWaitPhoneNumber, WAIT);

        // a request TDLib could not parse would fail 400 "Failed to parse JSON object as TDLib request: ..."
        for (TdApi.Function<?> request : List.<TdApi.Function<?>>of(
                new TdFunctions.LoadChats(TdFunctions.CHAT_LIST_MAIN, 100),
                new TdFunctions.GetChats(TdFunctions.CHAT_LIST_MAIN, 100),
                new TdFunctions.GetChat(-1001000000001L),
                new TdFunctions.GetSupergroup(1000000001L),
                new TdFunctions.GetBasicGroup(4000001L),
                new TdFunctions.GetUser(777000002L))) {
            assertThatThrownBy(() -> client.call(request)).as(request.type())
                    .isInstanceOfSatisfying(TdException.class, e -> {
                        assertThat(e.code()).isEqualTo(401);
                        assertThat(e.tdMessage()).isEqualTo("Unauthorized");
                    });
        }
    }

    @Test
    void forumAndCommentRequestsBeforeLogin_parse_andFail401Unauthorized() throws Exception {
        TdClient client = newClient();
        client.call(parameters());
        client.awaitAuthorizationState(s -> s instanceof TdApi.AuthorizationStateWaitPhoneNumber, WAIT);

        // a request TDLib could not parse would fail 400 "Failed to parse JSON object as TDLib request: ..."
        for (TdApi.Function<?> request : List.<TdApi.Function<?>>of(
                new TdFunctions.GetSupergroupFullInfo(1000000011L),
                new TdFunctions.GetForumTopics(-1001000000010L, "", 0, 0, 0, 100),
                new TdFunctions.GetForumTopicHistory(-1001000000010L, 2, 0, 0, 100),
                new TdFunctions.SearchTopicMessages(-1001000000010L, new TdFunctions.MessageTopicForum(2), "", 0, 0, 100,
                        new TdFunctions.TypeOnly("searchMessagesFilterPhoto")),
                new TdFunctions.GetMessageThreadHistory(-1001000000011L, 5L << 20, 0, 0, 100))) {
            assertThatThrownBy(() -> client.call(request)).as(request.type())
                    .isInstanceOfSatisfying(TdException.class, e -> {
                        assertThat(e.code()).isEqualTo(401);
                        assertThat(e.tdMessage()).isEqualTo("Unauthorized");
                    });
        }
    }

    @Test
    void authMethodInWrongState_fails400Unexpected() throws Exception {
        TdClient client = newClient();
        client.call(parameters());
        client.awaitAuthorizationState(s -> s instanceof TdApi.AuthorizationStateWaitPhoneNumber, WAIT);

        assertThatThrownBy(() -> client.call(new TdFunctions.CheckAuthenticationCode("12345")))
                .isInstanceOfSatisfying(TdException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.tdMessage()).isEqualTo("Call to checkAuthenticationCode unexpected");
                });
    }

    @Test
    void unknownMethod_fails400UnknownClass() {
        TdClient client = newClient();
        var request = TdCodec.mapper().createObjectNode().put("@type", "downloadEverything");

        assertThatThrownBy(() -> client.sendRaw(request).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(TdException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.tdMessage())
                            .isEqualTo("Failed to parse JSON object as TDLib request: Unknown class \"downloadEverything\"");
                });
    }

    @Test
    void malformedJson_fails400WithTdlibsParseMessage() {
        TdClient client = newClient();

        CompletableFuture<?> notJson = client.sendJson("{\"@type\":\"getMe\"");
        CompletableFuture<?> notObject = client.sendJson("[1,2]");

        assertThatThrownBy(() -> notJson.get(WAIT.toSeconds(), TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(TdException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.tdMessage()).startsWith("Failed to parse request as JSON object: ");
                });
        assertThatThrownBy(() -> notObject.get(WAIT.toSeconds(), TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(TdException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.tdMessage()).isEqualTo("Expected a JSON object");
                });
    }

    @Test
    void asyncOnlyMethodThroughExecute_fails400CannotBeExecutedSynchronously() {
        assertThatThrownBy(() -> TdRuntime.of(backend()).execute(new TdFunctions.GetMe()))
                .isInstanceOfSatisfying(TdException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.tdMessage()).isEqualTo("The method can't be executed synchronously");
                });
    }

    @Test
    void execute_echoesExtra_withoutClientId() throws Exception {
        String answer = backend().execute("{\"@type\":\"getOption\",\"name\":\"version\",\"@extra\":{\"n\":7}}");
        var node = TdCodec.mapper().readTree(answer);
        assertThat(node.path("@extra").path("n").asInt()).isEqualTo(7);
        assertThat(node.has("@client_id")).isFalse();
    }

    @Test
    void executeGetOptionVersion_answersWithoutAClient() {
        assertThat(TdRuntime.of(backend()).execute(new TdFunctions.GetOption("version")))
                .isInstanceOf(TdApi.OptionValueString.class);
    }

    @Test
    void close_failsPendingRequestWith500_reportsClosed_andStopsTheReceiveThread() throws Exception {
        TdClient client = newClient();
        client.call(parameters());
        client.awaitAuthorizationState(s -> s instanceof TdApi.AuthorizationStateWaitPhoneNumber, WAIT);
        List<TdApi.AuthorizationState> states = new CopyOnWriteArrayList<>();
        client.addUpdateListener(u -> {
            if (u instanceof TdApi.UpdateAuthorizationState(TdApi.AuthorizationState s)) {
                states.add(s);
            }
        });
        // needs Telegram's servers: stays pending without a network
        CompletableFuture<TdApi.Ok> pending = client.send(new TdFunctions.SetAuthenticationPhoneNumber("+15550100000"));
        // a request sent after it is answered while it is still pending (no sleep needed to show it waits)
        client.call(new TdFunctions.GetOption("version"));
        assertThat(pending).isNotDone();

        client.close();

        assertThatThrownBy(() -> pending.get(WAIT.toSeconds(), TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(TdException.class, e -> {
                    assertThat(e.code()).isEqualTo(500);
                    assertThat(e.tdMessage()).isEqualTo("Request aborted");
                });
        assertThat(states).containsSubsequence(new TdApi.AuthorizationStateClosing(), new TdApi.AuthorizationStateClosed());
        assertThat(client.isClosed()).isTrue();
        assertThat(Threads.liveThreadsNamed("td-receive"::equals, WAIT)).isEmpty();
    }

    @Test
    void requestAfterClose_fails500RequestAborted() {
        TdClient client = newClient();
        client.close();

        assertThatThrownBy(() -> client.call(new TdFunctions.GetOption("version")))
                .isInstanceOfSatisfying(TdException.class, e -> assertThat(e.code()).isEqualTo(500));
    }

    @Test
    void setTdlibParameters_isFollowedByTheOptionStream_andAConnectionState() throws Exception {
        TdClient client = newClient();
        List<TdApi.Update> updates = new CopyOnWriteArrayList<>();
        client.addUpdateListener(updates::add);
        client.call(new TdFunctions.GetOption("version"));

        client.call(parameters());
        client.awaitAuthorizationState(s -> s instanceof TdApi.AuthorizationStateWaitPhoneNumber, WAIT);

        List<String> options = updates.stream().filter(u -> u instanceof TdApi.UpdateOption)
                .map(u -> ((TdApi.UpdateOption) u).name()).toList();
        assertThat(options).contains("version", "commit_hash", "unix_time", "utc_time_offset");
        assertThat(options.indexOf("unix_time")).isGreaterThan(options.indexOf("commit_hash"));
        Threads.await(() -> updates.stream().anyMatch(u -> u instanceof TdApi.UpdateConnectionState), WAIT);
    }

    @Test
    void rawRequestToAClosedClient_isAnswered500RequestAborted() throws Exception {
        TdClient client = newClient();
        client.call(new TdFunctions.GetOption("version"));
        int id = client.id();
        client.close();
        assertThat(Threads.liveThreadsNamed("td-receive"::equals, WAIT)).isEmpty();

        backend().send(id, "{\"@type\":\"getAuthorizationState\",\"@extra\":\"after-close\"}");

        JsonNode answer = null;
        long giveUp = System.nanoTime() + WAIT.toNanos();
        while (answer == null && System.nanoTime() < giveUp) {
            Optional<String> document = backend().receive(0.5);
            if (document.isPresent()) {
                JsonNode node = TdCodec.parse(document.get());
                if ("after-close".equals(node.path("@extra").asText())) {
                    answer = node;
                }
            }
        }
        assertThat(answer).isNotNull();
        assertThat(answer.path("@type").asText()).isEqualTo("error");
        assertThat(answer.path("code").asInt()).isEqualTo(500);
        assertThat(answer.path("message").asText()).isEqualTo("Request aborted");
        assertThat(answer.path("@client_id").asInt()).isEqualTo(id);
    }
}
