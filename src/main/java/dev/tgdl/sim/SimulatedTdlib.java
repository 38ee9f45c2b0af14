package dev.tgdl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tgdl.td.TdJson;
import dev.tgdl.time.Monitor;
import dev.tgdl.time.TimeSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for libtdjson and Telegram's servers together: the same four functions, the same
 * JSON (names from td_api.tl, int64 as strings, nulls omitted), the same errors, the same
 * asynchronous downloads with {@code updateFile} progress, real bytes on disk, and Telegram's
 * limits: a bandwidth cap, per-kind request buckets, flood waits that escalate, waits of up to 60 s
 * absorbed as latency as TDLib absorbs them, and longer ones as 429s. Everything runs on the
 * injected clock, so a scenario's time scale speeds up the simulator and tgdl alike.
 *
 * <p>All state changes run on one event-loop thread; {@link #send} only queues the request.
 */
public final class SimulatedTdlib implements TdJson, AutoCloseable {

    static final String VERSION = "1.8.67";
    static final String COMMIT = "d1085f9cebc5a62379991ae1652673954f229c1f";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Methods the simulator serves (others are "Unknown class", as the brief allows). */
    static final Set<String> METHODS = Set.of("getOption", "getAuthorizationState", "setTdlibParameters",
            "setAuthenticationPhoneNumber", "requestQrCodeAuthentication", "checkAuthenticationCode",
            "checkAuthenticationPassword", "logOut", "close", "getMe", "searchPublicChat", "getChat", "getSupergroup",
            "getBasicGroup", "getUser", "loadChats", "getChats",
            "getMessageLinkInfo", "checkChatInviteLink", "joinChatByInviteLink", "getChatHistory", "searchChatMessages",
            "getChatMessageCount", "getMessage", "getMessages", "downloadFile", "cancelDownloadFile", "getFile",
            "deleteFile", "sendMessage", "openChat", "closeChat", "addProxy", "getProxies", "enableProxy", "disableProxy", "removeProxy",
            "getSupergroupFullInfo", "getForumTopics", "getForumTopic", "getForumTopicHistory", "getMessageThreadHistory",
            "setLogStream", "setLogVerbosityLevel", "getLogVerbosityLevel", "testSquareInt", "testCallString");
    /** Methods td_execute runs. */
    static final Set<String> SYNCHRONOUS = Set.of("getOption", "setLogStream", "setLogVerbosityLevel",
            "getLogVerbosityLevel", "testSquareInt", "testCallString");

    private final Scenario scenario;
    private final TimeSource clock;
    final EventLoop loop;
    /** Documents for td_receive, guarded by {@link #outReady}: a monitor of the clock, so waiting for them lets time move. */
    private final ArrayDeque<String> out = new ArrayDeque<>();
    private final Monitor outReady;
    private final Map<Integer, SimClient> clients = new ConcurrentHashMap<>();
    private final AtomicInteger nextClientId = new AtomicInteger(1);
    final SimCounters counters = new SimCounters();
    private final List<SentMessage> sent = new CopyOnWriteArrayList<>();
    private final Instant startedAt;
    final long origin;
    private final List<ChannelModel> channels = new ArrayList<>();
    /** The account's main data centre: history, search, resolve and sending go there. */
    static final int MAIN_DC = 2;
    private final DataCentre accountDc;
    /** Clients that have closed: a request to one is answered 500 Request aborted, as libtdjson does. */
    private final Set<Integer> closedClients = ConcurrentHashMap.newKeySet();
    /** Bytes served, per simulated second, for the speed limit's window (event loop only). */
    private final ArrayDeque<long[]> volume = new ArrayDeque<>();
    private long volumeInWindow;
    private final Map<Integer, DataCentre> channelDcs = new ConcurrentHashMap<>();
    final Transfers transfers;
    final LiveFeed live;
    private volatile int verbosity = 5;
    private volatile long outageUntil = Long.MIN_VALUE;
    private final Set<Integer> flapping = ConcurrentHashMap.newKeySet();

    private SimulatedTdlib(Scenario scenario, TimeSource clock) {
        this.scenario = scenario;
        this.clock = clock;
        this.origin = clock.nanos();
        this.startedAt = clock.now();
        this.outReady = clock.newMonitor();
        this.loop = new EventLoop(clock);
        this.accountDc = new DataCentre(MAIN_DC, scenario.limits(), origin, counters);
        for (int i = 0; i < scenario.channels().size(); i++) {
            ChannelModel model = new ChannelModel(scenario, i);
            channels.add(model);
            if (model.spec().limits().isPresent()) {
                channelDcs.put(i, new DataCentre(MAIN_DC + 1 + channelDcs.size(), model.spec().limits().get(), origin, counters));
            }
        }
        this.transfers = new Transfers(this);
        this.live = new LiveFeed(this);
        if (scenario.faults().flapEvery().toNanos() > 0) {
            scheduleFlap(-1, scenario.faults());
        }
    }

    /** Starts a simulator of {@code scenario} on {@code clock}. */
    public static SimulatedTdlib create(Scenario scenario, TimeSource clock) {
        return new SimulatedTdlib(scenario, clock);
    }

    public Scenario scenario() {
        return scenario;
    }

    /** A snapshot of the counters. */
    public SimStats stats() {
        return counters.snapshot(startedAt, clock.now());
    }

    /** Every message sendMessage delivered, in order. */
    public List<SentMessage> sentMessages() {
        return List.copyOf(sent);
    }

    // ---------------------------------------------------------------- TdJson

    @Override
    public int createClientId() {
        int id = nextClientId.getAndIncrement();
        clients.put(id, new SimClient(this, id));
        return id;
    }

    @Override
    public void send(int clientId, String request) {
        SimClient client = clients.get(clientId);
        if (client == null) {
            if (closedClients.contains(clientId)) {
                JsonNode extra = SimClient.extraOf(request);
                if (extra != null) {
                    emit(clientId, TdObjects.error(500, "Request aborted"), extra);
                }
            }
            return; // a client id never created: libtdjson drops the request
        }
        loop.execute(() -> client.handle(request));
    }

    @Override
    public Optional<String> receive(double timeoutSeconds) {
        long deadline = clock.deadline(Duration.ofNanos((long) (timeoutSeconds * 1e9)));
        outReady.lock();
        try {
            while (out.isEmpty()) {
                if (!outReady.awaitUntil(deadline)) {
                    return Optional.empty();
                }
            }
            return Optional.of(out.poll());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            outReady.unlock();
        }
    }

    @Override
    public TimeSource clock() {
        return clock;
    }

    @Override
    public String execute(String request) {
        JsonNode node;
        try {
            node = JSON.readTree(request);
        } catch (IOException e) {
            return TdObjects.error(400, "Failed to parse request as JSON object: " + parseError(e)).toString();
        }
        if (!(node instanceof ObjectNode object)) {
            return TdObjects.error(400, "Expected a JSON object").toString();
        }
        String type = object.path("@type").asText();
        ObjectNode result;
        if (!METHODS.contains(type)) {
            result = TdObjects.error(400, "Failed to parse JSON object as TDLib request: Unknown class \"" + type + "\"");
        } else if (!SYNCHRONOUS.contains(type)) {
            result = TdObjects.error(400, "The method can't be executed synchronously");
        } else {
            result = synchronous(object);
        }
        // libtdjson echoes @extra on td_execute results too (never @client_id)
        if (object.has("@extra")) {
            result.set("@extra", object.get("@extra"));
        }
        return result.toString();
    }

    /** The methods td_execute runs (also served through send). */
    ObjectNode synchronous(ObjectNode request) {
        return switch (request.path("@type").asText()) {
            case "getOption" -> option(request.path("name").asText());
            case "setLogVerbosityLevel" -> {
                verbosity = request.path("new_verbosity_level").asInt();
                yield TdObjects.ok();
            }
            case "getLogVerbosityLevel" -> TdObjects.object("logVerbosityLevel").put("verbosity_level", verbosity);
            case "testSquareInt" -> {
                int x = request.path("x").asInt();
                yield TdObjects.object("testInt").put("value", x * x);
            }
            case "testCallString" -> TdObjects.object("testString").put("value", request.path("x").asText());
            default -> TdObjects.ok(); // setLogStream: the simulator writes no log
        };
    }

    static ObjectNode option(String name) {
        return switch (name) {
            case "version" -> TdObjects.optionString(VERSION);
            case "commit_hash" -> TdObjects.optionString(COMMIT);
            default -> TdObjects.object("optionValueEmpty");
        };
    }

    static String parseError(IOException e) {
        String m = e.getMessage() == null ? "malformed" : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    // ---------------------------------------------------------------- shared services of the clients

    /** Queues a document for td_receive: {@code @extra} only on answers, {@code @client_id} always. */
    void emit(int clientId, ObjectNode document, JsonNode extra) {
        if (extra != null) {
            document.set("@extra", extra);
        }
        document.put("@client_id", clientId);
        String text = document.toString();
        outReady.lock();
        try {
            out.add(text);
            outReady.signalAll();
        } finally {
            outReady.unlock();
        }
    }

    List<ChannelModel> channels() {
        return channels;
    }

    Optional<ChannelModel> channelByUsername(String username) {
        return channels.stream().filter(c -> !c.username().isEmpty() && c.username().equalsIgnoreCase(username)).findFirst();
    }

    Optional<ChannelModel> channelByChatId(long chatId) {
        return channels.stream().filter(c -> c.chatId() == chatId).findFirst();
    }

    Optional<ChannelModel> channelById(long channelId) {
        return channels.stream().filter(c -> c.spec().id() == channelId).findFirst();
    }

    /** A private chat or basic group of the scenario, by chat id. */
    Optional<Scenario.ChatSpec> otherChat(long chatId) {
        return scenario.chats().stream().filter(c -> c.chatId() == chatId).findFirst();
    }

    Optional<ChannelModel> channelByInvite(String hash) {
        return channels.stream().filter(c -> !c.spec().inviteHash().isEmpty() && c.spec().inviteHash().equals(hash)).findFirst();
    }

    /** The data centre a channel's history and files live on. */
    DataCentre dc(ChannelModel channel) {
        return channelDcs.getOrDefault(channel.index(), accountDc);
    }

    DataCentre accountDc() {
        return accountDc;
    }

    Scenario.Faults faults(ChannelModel channel) {
        return channel.spec().faults().orElse(scenario.faults());
    }

    void delivered(long chatId, String text) {
        sent.add(new SentMessage(chatId, text, clock.now()));
    }

    /** Whether the connection is down now. */
    boolean outage() {
        return clock.nanos() < outageUntil;
    }

    long outageEnds() {
        return outageUntil;
    }

    /** A channel with its own flaps starts flapping once a client touches it. */
    void touched(ChannelModel channel) {
        Scenario.Faults f = channel.spec().faults().orElse(null);
        if (f != null && f.flapEvery().toNanos() > 0 && flapping.add(channel.index())) {
            scheduleFlap(channel.index(), f);
        }
    }

    private void scheduleFlap(int channel, Scenario.Faults f) {
        loop.after(f.flapEvery(), () -> {
            transfers.pause();
            outageUntil = clock.nanos() + f.flapDuration().toNanos();
            clients.values().forEach(c -> c.connection("connectionStateConnecting"));
            loop.at(outageUntil, () -> {
                clients.values().forEach(c -> c.connection("connectionStateReady"));
                transfers.resume();
            });
            scheduleFlap(channel, f);
        });
    }

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    /** The clients not closed yet. */
    List<SimClient> openClients() {
        return List.copyOf(clients.values());
    }

    /** Messages of a channel matching a filter at a run (counted once: a full pass over the channel). */
    int count(ChannelModel channel, int run, String filter) {
        return counts.computeIfAbsent(channel.index() + "/" + channel.messageCount(run) + "/" + filter, k -> SimMessages.count(channel, run, filter));
    }

    void closed(SimClient client) {
        closedClients.add(client.id());
        clients.remove(client.id(), client);
    }

    /** Deterministic uniform [0, 1) for a file's fault choices. */
    double faultDraw(String uniqueId, int attempt, int purpose) {
        long h = uniqueId.hashCode() * 0x9E3779B97F4A7C15L + attempt * 0xD1B54A32D192ED03L + purpose;
        return (SimFiles.mix(scenario.seed() ^ h) >>> 11) * 0x1.0p-53;
    }

    /** Counts bytes served to the account, for the speed limit (event loop only). */
    void served(long bytes) {
        long second = loop.now() / 1_000_000_000L;
        long[] last = volume.peekLast();
        if (last != null && last[0] == second) {
            last[1] += bytes;
        } else {
            volume.addLast(new long[] {second, bytes});
        }
        volumeInWindow += bytes;
    }

    /** Whether the account's speed limit applies at {@code now}: enough bytes within its window. */
    boolean speedLimited(long now) {
        Scenario.SpeedLimit limit = scenario.limits().speedLimit();
        if (limit.after() <= 0 || scenario.account().premium()) {
            return false;
        }
        long oldest = (now - limit.window().toNanos()) / 1_000_000_000L;
        while (!volume.isEmpty() && volume.peekFirst()[0] < oldest) {
            volumeInWindow -= volume.pollFirst()[1];
        }
        return volumeInWindow >= limit.after();
    }

    /**
     * Stops the simulator. Clients still open are closed first, as TDLib closes them: pending
     * requests fail with 500 Request aborted, then authorizationStateClosed.
     */
    @Override
    public void close() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        loop.execute(() -> {
            List.copyOf(clients.values()).forEach(SimClient::closeNow);
            closed.complete(null);
        });
        try {
            clock.await(closed, Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // closing anyway: the loop stops below
        }
        loop.close();
        transfers.closeAll();
    }

    @Override
    public String toString() {
        return "SimulatedTdlib[" + scenario.name() + "]";
    }
}
