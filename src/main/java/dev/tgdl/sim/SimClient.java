package dev.tgdl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One simulated TDLib client: its authorization state machine, its session database, and the
 * requests it serves. Runs only on the simulator's event loop.
 */
final class SimClient {

    enum Phase { NEW, WAIT_PARAMETERS, WAIT_PHONE, WAIT_CODE, WAIT_PASSWORD, WAIT_QR, WAIT_REGISTRATION, WAIT_EMAIL,
        WAIT_PREMIUM, READY, LOGGING_OUT, CLOSING, CLOSED }

    // 3 and up, unlike Telegram (4 or 5): the built-in scenario has a channel @big
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{2,31}");
    private static final Set<String> BEFORE_PARAMETERS = Set.of("getOption", "getAuthorizationState", "close",
            "setLogStream", "setLogVerbosityLevel", "getLogVerbosityLevel", "testSquareInt", "testCallString",
            "setTdlibParameters");
    private static final Set<String> WITHOUT_LOGIN = Set.of("getOption", "getAuthorizationState", "close", "logOut",
            "setLogStream", "setLogVerbosityLevel", "getLogVerbosityLevel", "testSquareInt", "testCallString",
            "setTdlibParameters", "setAuthenticationPhoneNumber", "requestQrCodeAuthentication",
            "checkAuthenticationCode", "checkAuthenticationPassword", "addProxy", "getProxies", "enableProxy",
            "disableProxy", "removeProxy");

    private final SimulatedTdlib sim;
    private final int id;
    private Phase phase = Phase.NEW;
    private Session session;
    private Path filesDirectory;
    private int run;
    /** What this client loaded of each chat's history (TDLib answers getChatHistory from it). */
    private final Map<Long, History> histories = new HashMap<>();
    /** Usernames this client resolved (or refreshed), with when that expires (TDLib keeps them a day). */
    private final Map<String, Long> resolved = new HashMap<>();
    /** Resolves waiting for one server query of the same username (TDLib merges them). */
    private final Map<String, List<Runnable>> resolving = new HashMap<>();
    /** Requests answered later (network latency, waits, synchronous downloads, offline): failed on close. */
    private final Map<Long, JsonNode> pending = new HashMap<>();
    private long pendingSeq;
    private int qrToken;
    private long nextSendingId = 1;
    private long nextServerMessage = 1000;
    /** How many chats of the main chat list this client has loaded (each TDLib session loads the list anew). */
    private int chatsLoaded;
    /** Chats this client sent updateNewChat for. */
    private final Set<Long> announced = new HashSet<>();
    /** Chats open (openChat): TDLib passes on a channel's new posts only for those. */
    private final Set<Long> opened = new HashSet<>();

    SimClient(SimulatedTdlib sim, int id) {
        this.sim = sim;
        this.id = id;
    }

    int id() {
        return id;
    }

    Path filesDirectory() {
        return filesDirectory;
    }

    int run() {
        return run;
    }

    // ---------------------------------------------------------------- plumbing

    void handle(String text) {
        if (phase == Phase.CLOSED) {
            JsonNode extra = extraOf(text);
            if (extra != null) {
                sim.emit(id, TdObjects.error(500, "Request aborted"), extra);
            }
            return;
        }
        if (phase == Phase.NEW) {
            start();
        }
        JsonNode node;
        try {
            node = SimulatedTdlib.JSON.readTree(text);
        } catch (IOException e) {
            sim.emit(id, TdObjects.error(400, "Failed to parse request as JSON object: " + SimulatedTdlib.parseError(e)), null);
            return;
        }
        if (!(node instanceof ObjectNode request)) {
            sim.emit(id, TdObjects.error(400, "Expected a JSON object"), null);
            return;
        }
        JsonNode extra = request.get("@extra");
        String type = request.path("@type").asText();
        sim.counters.request(type);
        if (!SimulatedTdlib.METHODS.contains(type)) {
            answer(extra, TdObjects.error(400, "Failed to parse JSON object as TDLib request: Unknown class \"" + type + "\""));
            return;
        }
        if (phase == Phase.CLOSING) {
            answer(extra, TdObjects.error(500, "Request aborted"));
            return;
        }
        if (phase == Phase.WAIT_PARAMETERS && !BEFORE_PARAMETERS.contains(type)) {
            answer(extra, TdObjects.error(400, "Initialization parameters are needed: call setTdlibParameters first"));
            return;
        }
        if (phase != Phase.READY && !WITHOUT_LOGIN.contains(type)) {
            answer(extra, TdObjects.error(401, "Unauthorized"));
            return;
        }
        try {
            dispatch(type, request, extra);
        } catch (RuntimeException e) {
            answer(extra, TdObjects.error(500, "simulator failure: " + e));
        }
    }

    static JsonNode extraOf(String text) {
        try {
            return SimulatedTdlib.JSON.readTree(text).get("@extra");
        } catch (IOException e) {
            return null;
        }
    }

    private void start() {
        phase = Phase.WAIT_PARAMETERS;
        sim.emit(id, TdObjects.updateOption("version", TdObjects.optionString(SimulatedTdlib.VERSION)), null);
        sim.emit(id, TdObjects.updateOption("commit_hash", TdObjects.optionString(SimulatedTdlib.COMMIT)), null);
        sim.emit(id, TdObjects.updateAuthorizationState(TdObjects.object("authorizationStateWaitTdlibParameters")), null);
    }

    void answer(JsonNode extra, ObjectNode result) {
        sim.emit(id, result, extra);
    }

    /** Answers after {@code delay} of simulated time, unless the client closes first. */
    void answerLater(Duration delay, JsonNode extra, Supplier<ObjectNode> result) {
        long key = hold(extra);
        sim.loop.after(delay, () -> {
            if (pending.remove(key) != null) {
                answer(extra, result.get());
            }
        });
    }

    /** Keeps a request open; returns its key for {@link #release}. */
    long hold(JsonNode extra) {
        long key = pendingSeq++;
        pending.put(key, extra == null ? SimulatedTdlib.JSON.nullNode() : extra);
        return key;
    }

    /** Whether a held request is still open (and removes it). */
    boolean release(long key) {
        return pending.remove(key) != null;
    }

    void update(ObjectNode update) {
        if (phase != Phase.CLOSED) {
            sim.emit(id, update, null);
        }
    }

    void connection(String state) {
        if (phase != Phase.NEW && phase != Phase.CLOSED) {
            update(TdObjects.updateConnectionState(state));
        }
    }

    private void state(Phase next, ObjectNode object) {
        // the update goes out first: after authorizationStateClosed a client sends nothing more
        update(TdObjects.updateAuthorizationState(object));
        phase = next;
    }

    private boolean online() {
        return sim.scenario().network().equals("online");
    }

    /**
     * Runs a request that needs Telegram's servers, on the account's main data centre: a {@link NetQuery}
     * charged to the API limit {@code bucket}, answered a round trip after the server served it, or
     * with TDLib's 429 once its flood waits pass 60 s.
     */
    void network(String bucket, JsonNode extra, Supplier<ObjectNode> result) {
        if (!online()) {
            hold(extra); // no network: answered only by close
            return;
        }
        long holdKey = hold(extra);
        DataCentre dc = sim.accountDc();
        NetQuery.send(sim, dc, now -> dc.api(bucket).admit(now), () -> sim.loop.after(dc.latency(), () -> {
            if (release(holdKey)) {
                answer(extra, result.get());
            }
        }), seconds -> {
            if (release(holdKey)) {
                answer(extra, TdObjects.error(429, "Too Many Requests: retry after " + seconds));
            }
        }, () -> { });
    }

    // ---------------------------------------------------------------- requests

    private void dispatch(String type, ObjectNode r, JsonNode extra) {
        switch (type) {
            case "getOption", "setLogStream", "setLogVerbosityLevel", "getLogVerbosityLevel", "testSquareInt",
                 "testCallString" -> answer(extra, sim.synchronous(r));
            case "getAuthorizationState" -> answer(extra, stateObject());
            case "close" -> close(extra);
            case "setTdlibParameters" -> setParameters(r, extra);
            case "setAuthenticationPhoneNumber" -> phoneNumber(r, extra);
            case "requestQrCodeAuthentication" -> qr(extra);
            case "checkAuthenticationCode" -> code(r, extra);
            case "checkAuthenticationPassword" -> password(r, extra);
            case "logOut" -> logOut(extra);
            case "getMe" -> answer(extra, TdObjects.user(sim.scenario().account()));
            case "searchPublicChat" -> searchPublicChat(r, extra);
            case "getChat" -> getChat(r.path("chat_id").asLong(), extra);
            case "getSupergroup" -> getSupergroup(r.path("supergroup_id").asLong(), extra);
            case "getBasicGroup" -> getBasicGroup(r.path("basic_group_id").asLong(), extra);
            case "getUser" -> getUser(r.path("user_id").asLong(), extra);
            case "loadChats" -> loadChats(r, extra);
            case "getChats" -> getChats(r, extra);
            case "getMessageLinkInfo" -> messageLinkInfo(r.path("url").asText(), extra);
            case "checkChatInviteLink" -> checkInvite(r.path("invite_link").asText(), extra);
            case "joinChatByInviteLink" -> joinInvite(r.path("invite_link").asText(), extra);
            case "getChatHistory", "searchChatMessages", "getChatMessageCount", "getMessage", "getMessages" ->
                    history(type, r, extra);
            case "getSupergroupFullInfo" -> supergroupFullInfo(r.path("supergroup_id").asLong(), extra);
            case "getForumTopics", "getForumTopic", "getForumTopicHistory", "getMessageThreadHistory" -> threads(type, r, extra);
            case "downloadFile" -> sim.transfers.download(this, r, extra);
            case "cancelDownloadFile" -> {
                sim.transfers.cancel(this, r.path("file_id").asInt(), r.path("only_if_pending").asBoolean());
                answer(extra, TdObjects.ok());
            }
            case "getFile" -> answer(extra, sim.transfers.fileObject(this, r.path("file_id").asInt())
                    .orElseGet(() -> TdObjects.error(404, "Not Found")));
            case "deleteFile" -> answer(extra, sim.transfers.delete(this, r.path("file_id").asInt()));
            case "sendMessage" -> sendMessage(r, extra);
            case "openChat", "closeChat" -> openOrClose(type.equals("openChat"), r.path("chat_id").asLong(), extra);
            case "addProxy", "getProxies", "enableProxy", "disableProxy", "removeProxy" -> proxies(type, r, extra);
            default -> answer(extra, TdObjects.error(400, "Failed to parse JSON object as TDLib request: Unknown class \"" + type + "\""));
        }
    }

    private ObjectNode stateObject() {
        return switch (phase) {
            case NEW, WAIT_PARAMETERS -> TdObjects.object("authorizationStateWaitTdlibParameters");
            case WAIT_PHONE -> TdObjects.object("authorizationStateWaitPhoneNumber");
            case WAIT_CODE -> TdObjects.waitCode(sim.scenario().account().phone());
            case WAIT_PASSWORD -> TdObjects.waitPassword(sim.scenario().auth().passwordHint());
            case WAIT_QR -> qrState();
            case WAIT_REGISTRATION -> TdObjects.waitRegistration();
            case WAIT_EMAIL -> TdObjects.waitEmailAddress();
            case WAIT_PREMIUM -> TdObjects.waitPremiumPurchase();
            case READY -> TdObjects.object("authorizationStateReady");
            case LOGGING_OUT -> TdObjects.object("authorizationStateLoggingOut");
            case CLOSING -> TdObjects.object("authorizationStateClosing");
            case CLOSED -> TdObjects.object("authorizationStateClosed");
        };
    }

    private void close(JsonNode extra) {
        answer(extra, TdObjects.ok());
        state(Phase.CLOSING, TdObjects.object("authorizationStateClosing"));
        shutDown();
    }

    /** Closes the client at once (the simulator is stopping). */
    void closeNow() {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (phase != Phase.NEW) {
            state(Phase.CLOSING, TdObjects.object("authorizationStateClosing"));
        }
        shutDown();
    }

    private void shutDown() {
        sim.transfers.closeClient(this);
        for (JsonNode waiting : pending.values()) {
            if (!waiting.isNull()) {
                answer(waiting, TdObjects.error(500, "Request aborted"));
            }
        }
        pending.clear();
        state(Phase.CLOSED, TdObjects.object("authorizationStateClosed"));
        sim.closed(this);
    }

    private void setParameters(ObjectNode r, JsonNode extra) {
        if (phase != Phase.WAIT_PARAMETERS) {
            answer(extra, TdObjects.error(400, "Unexpected setTdlibParameters"));
            return;
        }
        String error = null;
        if (r.path("api_id").asInt() <= 0) {
            error = "Valid api_id must be provided. Can be obtained at https://my.telegram.org";
        } else if (r.path("api_hash").asText().isEmpty()) {
            error = "Valid api_hash must be provided. Can be obtained at https://my.telegram.org";
        } else if (r.path("system_language_code").asText().isEmpty()) {
            error = "System language code must be non-empty";
        } else if (r.path("device_model").asText().isEmpty()) {
            error = "Device model must be non-empty";
        } else if (r.path("application_version").asText().isEmpty()) {
            error = "Application version must be non-empty";
        }
        if (error != null) {
            answer(extra, TdObjects.error(400, error));
            return;
        }
        Path database = Path.of(r.path("database_directory").asText("tdlib"));
        String files = r.path("files_directory").asText("");
        filesDirectory = files.isEmpty() ? database : Path.of(files);
        session = Session.open(database);
        session.runs++;
        run = session.runs;
        sim.channels().forEach(c -> c.restorePosted(session.posted.getOrDefault(c.chatId(), 0)));
        if (session.fresh && sim.scenario().auth().authorized()) {
            session.authorized = true;
        }
        session.save();
        // what TDLib sends once it has its parameters (Td::init, OptionManager): the option stream,
        // the authorization state, the connection coming up; the answer to the request comes last
        long unixTime = sim.clock().now().getEpochSecond();
        update(TdObjects.updateOption("unix_time", TdObjects.optionInteger(unixTime)));
        if (session.authorized) {
            update(TdObjects.updateOption("my_id", TdObjects.optionInteger(sim.scenario().account().userId())));
        }
        update(TdObjects.updateOption("utc_time_offset", TdObjects.optionInteger(0)));
        update(TdObjects.updateOption("message_caption_length_max", TdObjects.optionInteger(1024)));
        update(TdObjects.updateOption("premium_download_speedup", TdObjects.optionInteger(10)));
        update(TdObjects.updateOption("upload_premium_speedup_notify_period",
                TdObjects.optionInteger(Transfers.SPEED_LIMIT_NOTIFY_PERIOD.toSeconds())));
        update(TdObjects.updateOption("is_premium", TdObjects.object("optionValueBoolean")
                .put("value", session.authorized && sim.scenario().account().premium())));
        if (session.authorized) {
            state(Phase.READY, TdObjects.object("authorizationStateReady"));
        } else {
            state(Phase.WAIT_PHONE, TdObjects.object("authorizationStateWaitPhoneNumber"));
        }
        connectionComesUp();
        answer(extra, TdObjects.ok());
        sim.live.clientStarted();
    }

    /** Connecting at once, then Updating, then Ready, a round trip apart (or Connecting for good when offline). */
    private void connectionComesUp() {
        connection("connectionStateConnecting");
        if (!online()) {
            return;
        }
        Duration rtt = sim.accountDc().latency();
        sim.loop.after(rtt, () -> {
            if (!sim.outage()) {
                connection("connectionStateUpdating");
            }
        });
        sim.loop.after(rtt.multipliedBy(2), () -> {
            if (!sim.outage()) {
                connection("connectionStateReady");
            }
        });
    }

    private boolean unexpected(Phase expected, String method, JsonNode extra) {
        if (phase != expected) {
            answer(extra, TdObjects.error(400, "Call to " + method + " unexpected"));
            return true;
        }
        return false;
    }

    private void phoneNumber(ObjectNode r, JsonNode extra) {
        if (unexpected(Phase.WAIT_PHONE, "setAuthenticationPhoneNumber", extra)) {
            return;
        }
        String phone = r.path("phone_number").asText().replaceAll("[^0-9]", "");
        String wanted = sim.scenario().auth().phone().replaceAll("[^0-9]", "");
        if (!online()) {
            hold(extra);
            return;
        }
        if (phone.length() < 7 || !wanted.isEmpty() && !wanted.equals(phone)) {
            answerLater(sim.accountDc().latency(), extra, () -> TdObjects.error(400, "PHONE_NUMBER_INVALID"));
            return;
        }
        answerLater(sim.accountDc().latency(), extra, () -> {
            sim.loop.execute(() -> state(Phase.WAIT_CODE, TdObjects.waitCode("+" + phone)));
            return TdObjects.ok();
        });
    }

    private void code(ObjectNode r, JsonNode extra) {
        if (unexpected(Phase.WAIT_CODE, "checkAuthenticationCode", extra)) {
            return;
        }
        Scenario.Auth auth = sim.scenario().auth();
        boolean right = r.path("code").asText().equals(auth.code());
        answerLater(sim.accountDc().latency(), extra, () -> {
            if (!right) {
                return TdObjects.error(400, "PHONE_CODE_INVALID");
            }
            sim.loop.execute(this::afterCode);
            return TdObjects.ok();
        });
    }

    private void afterCode() {
        Scenario.Auth auth = sim.scenario().auth();
        if (!auth.registered()) {
            state(Phase.WAIT_REGISTRATION, TdObjects.waitRegistration());
        } else if (auth.requireEmail()) {
            state(Phase.WAIT_EMAIL, TdObjects.waitEmailAddress());
        } else if (auth.premiumPurchase()) {
            state(Phase.WAIT_PREMIUM, TdObjects.waitPremiumPurchase());
        } else if (!auth.password().isEmpty()) {
            state(Phase.WAIT_PASSWORD, TdObjects.waitPassword(auth.passwordHint()));
        } else {
            authorized();
        }
    }

    private void password(ObjectNode r, JsonNode extra) {
        if (unexpected(Phase.WAIT_PASSWORD, "checkAuthenticationPassword", extra)) {
            return;
        }
        boolean right = r.path("password").asText().equals(sim.scenario().auth().password());
        answerLater(sim.accountDc().latency(), extra, () -> {
            if (!right) {
                return TdObjects.error(400, "PASSWORD_HASH_INVALID");
            }
            sim.loop.execute(this::authorized);
            return TdObjects.ok();
        });
    }

    private void authorized() {
        session.authorized = true;
        session.save();
        update(TdObjects.updateOption("my_id", TdObjects.optionInteger(sim.scenario().account().userId())));
        state(Phase.READY, TdObjects.object("authorizationStateReady"));
    }

    private void qr(JsonNode extra) {
        if (unexpected(Phase.WAIT_PHONE, "requestQrCodeAuthentication", extra)) {
            return;
        }
        if (!online()) {
            hold(extra);
            return;
        }
        Scenario.Auth auth = sim.scenario().auth();
        answerLater(sim.accountDc().latency(), extra, () -> {
            sim.loop.execute(() -> {
                qrToken++;
                state(Phase.WAIT_QR, qrState());
                refreshQr(auth.qrRefresh());
                if (auth.qrConfirmAfter().toNanos() > 0) {
                    sim.loop.after(auth.qrConfirmAfter(), () -> {
                        if (phase == Phase.WAIT_QR) {
                            if (auth.password().isEmpty()) {
                                authorized();
                            } else {
                                state(Phase.WAIT_PASSWORD, TdObjects.waitPassword(auth.passwordHint()));
                            }
                        }
                    });
                }
            });
            return TdObjects.ok();
        });
    }

    private void refreshQr(Duration every) {
        sim.loop.after(every, () -> {
            if (phase == Phase.WAIT_QR) {
                qrToken++;
                state(Phase.WAIT_QR, qrState());
                refreshQr(every);
            }
        });
    }

    private ObjectNode qrState() {
        byte[] token = ("sim-login-" + id + "-" + qrToken + "-" + sim.scenario().seed()).getBytes(StandardCharsets.UTF_8);
        return TdObjects.object("authorizationStateWaitOtherDeviceConfirmation")
                .put("link", "tg://login?token=" + Base64.getUrlEncoder().withoutPadding().encodeToString(token));
    }

    private void logOut(JsonNode extra) {
        if (phase == Phase.WAIT_PARAMETERS) {
            answer(extra, TdObjects.error(400, "Initialization parameters are needed: call setTdlibParameters first"));
            return;
        }
        if (!online()) {
            hold(extra);
            return;
        }
        answer(extra, TdObjects.ok());
        state(Phase.LOGGING_OUT, TdObjects.object("authorizationStateLoggingOut"));
        sim.loop.after(sim.accountDc().latency(), () -> {
            session.authorized = false;
            session.joined.clear();
            session.save();
            state(Phase.CLOSING, TdObjects.object("authorizationStateClosing"));
            shutDown();
        });
    }

    // ---------------------------------------------------------------- chats

    /**
     * searchPublicChat as TDLib answers it (td/telegram/DialogManager.cpp): a username resolved within
     * the last day is answered from memory; one the database remembers is answered at once and
     * refreshed in the background (still a server resolve); an unknown one costs a resolve, and
     * concurrent resolves of one name share it. The server's resolve is the account's most
     * expensive call: it is charged to the resolve limit.
     */
    private void searchPublicChat(ObjectNode r, JsonNode extra) {
        String username = r.path("username").asText().replaceFirst("^@", "");
        if (!USERNAME.matcher(username).matches()) {
            answer(extra, TdObjects.error(400, "USERNAME_INVALID"));
            return;
        }
        String key = username.toLowerCase(Locale.ROOT);
        long now = sim.loop.now();
        Long remembered = session.usernames.get(key);
        Optional<ChannelModel> cached = Optional.ofNullable(remembered).flatMap(sim::channelByChatId);
        if (cached.isPresent()) {
            Long expires = resolved.get(key);
            if (expires == null || expires < now) {
                resolveOnServer(username, key, () -> { }); // TDLib refreshes an expired name in the background
            }
            know(cached.get().chatId());
            sim.touched(cached.get());
            answer(extra, chatObject(cached.get()));
            return;
        }
        long holdKey = hold(extra);
        resolveOnServer(username, key, () -> {
            if (!release(holdKey)) {
                return;
            }
            Long id = session.usernames.get(key);
            Optional<ChannelModel> channel = Optional.ofNullable(id).flatMap(sim::channelByChatId);
            answer(extra, channel.map(this::chatObject)
                    .orElseGet(() -> lastResolveError.getOrDefault(key, TdObjects.error(400, "USERNAME_NOT_OCCUPIED"))));
        });
    }

    private final Map<String, ObjectNode> lastResolveError = new HashMap<>();

    /** One server resolve of a username (merged with any already under way); {@code then} runs when it is answered. */
    private void resolveOnServer(String username, String key, Runnable then) {
        List<Runnable> waiting = resolving.get(key);
        if (waiting != null) {
            waiting.add(then);
            return;
        }
        List<Runnable> list = new ArrayList<>();
        list.add(then);
        resolving.put(key, list);
        if (!online()) {
            return; // never answered: the callers are failed by close
        }
        DataCentre dc = sim.accountDc();
        Runnable done = () -> resolving.remove(key).forEach(Runnable::run);
        sim.counters.resolves.incrementAndGet();
        NetQuery.send(sim, dc, now -> dc.api("resolve").admit(now), () -> sim.loop.after(dc.latency(), () -> {
            Optional<ChannelModel> channel = sim.channelByUsername(username);
            if (channel.isPresent()) {
                session.usernames.put(key, channel.get().chatId());
                resolved.put(key, sim.loop.now() + USERNAME_CACHE.toNanos());
                know(channel.get().chatId());
                sim.touched(channel.get());
                lastResolveError.remove(key);
            } else {
                // not-found names are not cached (DialogManager::on_resolved_username drops them)
                session.usernames.remove(key);
                resolved.remove(key);
                lastResolveError.put(key, TdObjects.error(400, "USERNAME_NOT_OCCUPIED"));
            }
            session.save();
            done.run();
        }), seconds -> {
            lastResolveError.put(key, TdObjects.error(429, "Too Many Requests: retry after " + seconds));
            done.run();
        }, () -> { });
    }

    /** How long TDLib trusts a resolved username (DialogManager.h, USERNAME_CACHE_EXPIRE_TIME). */
    static final Duration USERNAME_CACHE = Duration.ofSeconds(86400);

    /** Whether TDLib knows this chat (from this session, or its chat database). */
    boolean knows(long chatId) {
        return session != null && session.knownChats.contains(chatId);
    }

    private void know(long chatId) {
        if (session.knownChats.add(chatId)) {
            session.save();
        }
    }

    private void getChat(long chatId, JsonNode extra) {
        if (chatId == sim.scenario().account().userId()) {
            answer(extra, TdObjects.privateChat(sim.scenario().account()));
            return;
        }
        Optional<ChannelModel> channel = sim.channelByChatId(chatId);
        Optional<Scenario.ChatSpec> other = sim.otherChat(chatId);
        if (channel.isEmpty() && other.isEmpty() || !knows(chatId)) {
            answer(extra, TdObjects.error(400, "Chat not found"));
            return;
        }
        answer(extra, channel.map(this::chatObject).orElseGet(() -> TdObjects.otherChat(other.get(), order(chatId))));
    }

    private ObjectNode chatObject(ChannelModel channel) {
        return TdObjects.channelChat(sim, this, channel, order(channel.chatId()));
    }

    /** getBasicGroup: the groups TDLib has seen (ChatManager.cpp answers "Group not found" for others). */
    private void getBasicGroup(long basicGroupId, JsonNode extra) {
        Optional<Scenario.ChatSpec> group = sim.otherChat(-basicGroupId).filter(c -> c.type().equals("basic_group"));
        if (basicGroupId <= 0 || group.isEmpty() || !knows(-basicGroupId)) {
            answer(extra, TdObjects.error(400, basicGroupId <= 0 ? "Invalid basic group identifier" : "Group not found"));
            return;
        }
        answer(extra, TdObjects.basicGroup(group.get()));
    }

    /** getUser: the account, and the users of private chats TDLib has seen (UserManager.cpp: "User not found"). */
    private void getUser(long userId, JsonNode extra) {
        if (userId == sim.scenario().account().userId()) {
            answer(extra, TdObjects.user(sim.scenario().account()));
            return;
        }
        Optional<Scenario.ChatSpec> user = sim.otherChat(userId).filter(c -> c.type().equals("private"));
        if (userId <= 0 || user.isEmpty() || !knows(userId)) {
            answer(extra, TdObjects.error(400, userId <= 0 ? "Invalid user identifier" : "User not found"));
            return;
        }
        answer(extra, TdObjects.user(user.get()));
    }

    // ---------------------------------------------------------------- the chat list

    /** A chat of the main chat list, with TDLib's order: (date << 32) + its last server message id (td/telegram/DialogDate.h). */
    private record Listed(long chatId, long order) {
    }

    /**
     * The account's main chat list: the channels it can read (public ones, invite-only ones once
     * joined; not those whose history answers CHANNEL_PRIVATE) and the scenario's other chats, sorted
     * as TDLib sorts it, by (order, chat id) descending. A chat's order comes from its last message,
     * or from the join date when it has none (MessagesManager.cpp, calc_dialog_order).
     */
    private List<Listed> mainList() {
        List<Listed> list = new ArrayList<>();
        for (ChannelModel c : sim.channels()) {
            if (c.spec().access().equals("private") || !accessible(c)) {
                continue;
            }
            long order = c.message(newest(c), run).map(m -> (int32Date(m.date()) << 32) + m.id())
                    .orElse(int32Date(c.spec().start()) << 32);
            list.add(new Listed(c.chatId(), order));
        }
        for (Scenario.ChatSpec c : sim.scenario().chats()) {
            list.add(new Listed(c.chatId(), int32Date(c.date()) << 32));
        }
        list.sort(Comparator.comparingLong(Listed::order).thenComparingLong(Listed::chatId).reversed());
        return list;
    }

    /** A date as TDLib's int32 Unix time (a long channel's generated dates can pass 2038). */
    private static long int32Date(Instant date) {
        return Math.clamp(date.getEpochSecond(), 0, Integer.MAX_VALUE);
    }

    /** A chat's order in the main chat list, if it is in it. */
    private OptionalLong order(long chatId) {
        return mainList().stream().filter(l -> l.chatId() == chatId).mapToLong(Listed::order).findFirst();
    }

    /**
     * Which list a loadChats or getChats names: main (also when null), archive (empty in the
     * simulation), or an error for folders (the simulated account has none).
     */
    private Optional<ObjectNode> chatListError(ObjectNode r) {
        String list = r.path("chat_list").path("@type").asText("chatListMain");
        return list.equals("chatListMain") || list.equals("chatListArchive") ? Optional.empty()
                : Optional.of(TdObjects.error(400, "Chat list not found"));
    }

    private static boolean archive(ObjectNode r) {
        return r.path("chat_list").path("@type").asText().equals("chatListArchive");
    }

    /**
     * loadChats as TDLib answers it (td/telegram/Requests.cpp, on_request(loadChats), and
     * MessagesManager::get_dialogs): a list loaded to its end answers 404 Not Found at once, with
     * no server query; otherwise one server query loads the next chats (at most the limit, at most 100;
     * LoadChatsRequest caps it), announced with updateNewChat (updateChatPosition for a chat already
     * announced), and answers ok. The query is charged to the history limit.
     */
    private void loadChats(ObjectNode r, JsonNode extra) {
        Optional<ObjectNode> bad = chatListError(r);
        if (bad.isPresent()) {
            answer(extra, bad.get());
            return;
        }
        if (archive(r) || chatsLoaded >= mainList().size()) {
            answer(extra, TdObjects.error(404, "Not Found"));
            return;
        }
        int limit = r.path("limit").asInt();
        if (limit <= 0) {
            answer(extra, TdObjects.error(400, "Parameter limit must be positive"));
            return;
        }
        long holdKey = hold(extra);
        loadChatPage(Math.min(limit, 100), error -> {
            if (release(holdKey)) {
                answer(extra, error == null ? TdObjects.ok() : error);
            }
        });
    }

    /**
     * getChats as TDLib answers it (MessagesManager::get_dialogs_from_list): the first {@code limit}
     * chats of the list; when fewer are loaded and the list is not loaded to its end, it loads more
     * from the server first. total_count is the list's size once the server told it.
     */
    private void getChats(ObjectNode r, JsonNode extra) {
        Optional<ObjectNode> bad = chatListError(r);
        if (bad.isPresent()) {
            answer(extra, bad.get());
            return;
        }
        int limit = r.path("limit").asInt();
        if (limit <= 0) {
            answer(extra, TdObjects.error(400, "Parameter limit must be positive"));
            return;
        }
        if (archive(r)) {
            answer(extra, TdObjects.chats(0, List.of()));
            return;
        }
        serveChats(limit, extra);
    }

    private void serveChats(int limit, JsonNode extra) {
        List<Listed> list = mainList();
        if (chatsLoaded >= Math.min(limit, list.size())) {
            List<Long> ids = list.subList(0, Math.min(limit, Math.min(chatsLoaded, list.size()))).stream()
                    .map(Listed::chatId).toList();
            answer(extra, TdObjects.chats(chatsLoaded > 0 ? list.size() : ids.size(), ids));
            return;
        }
        long holdKey = hold(extra);
        loadChatPage(Math.min(limit - chatsLoaded, 100), error -> {
            if (!release(holdKey)) {
                return;
            }
            if (error != null) {
                answer(extra, error);
            } else {
                serveChats(limit, extra);
            }
        });
    }

    /** One server query for the next {@code count} chats of the main list; {@code done} gets null, or the error to answer. */
    private void loadChatPage(int count, Consumer<ObjectNode> done) {
        if (!online()) {
            return; // never answered: the request is failed by close
        }
        DataCentre dc = sim.accountDc();
        NetQuery.send(sim, dc, now -> dc.api("history").admit(now), () -> sim.loop.after(dc.latency(), () -> {
            List<Listed> list = mainList();
            int end = Math.min(list.size(), chatsLoaded + count);
            for (Listed l : list.subList(Math.min(chatsLoaded, end), end)) {
                know(l.chatId());
                if (announced.add(l.chatId())) {
                    OptionalLong order = OptionalLong.of(l.order());
                    update(TdObjects.updateNewChat(sim.channelByChatId(l.chatId()).map(c -> TdObjects.channelChat(sim, this, c, order))
                            .orElseGet(() -> TdObjects.otherChat(sim.otherChat(l.chatId()).orElseThrow(), order))));
                } else {
                    update(TdObjects.updateChatPosition(l.chatId(), l.order()));
                }
            }
            chatsLoaded = Math.max(chatsLoaded, end);
            done.accept(null);
        }), seconds -> done.accept(TdObjects.error(429, "Too Many Requests: retry after " + seconds)), () -> { });
    }

    private void getSupergroup(long supergroupId, JsonNode extra) {
        Optional<ChannelModel> channel = sim.channelById(supergroupId);
        if (channel.isEmpty() || !knows(channel.get().chatId())) {
            answer(extra, TdObjects.error(400, "Supergroup not found"));
            return;
        }
        answer(extra, TdObjects.supergroup(channel.get()));
    }

    private static final Pattern PUBLIC_LINK = Pattern.compile("(?:https?://)?(?:www\\.)?(?:t\\.me|telegram\\.me|telegram\\.dog)/(?:s/)?([A-Za-z][A-Za-z0-9_]{3,31})/(\\d+)(?:[/?].*)?");
    private static final Pattern PRIVATE_LINK = Pattern.compile("(?:https?://)?(?:www\\.)?(?:t\\.me|telegram\\.me|telegram\\.dog)/c/(\\d+)/(?:\\d+/)?(\\d+)(?:[/?].*)?");
    private static final Pattern INVITE = Pattern.compile("(?:https?://)?(?:www\\.)?(?:t\\.me|telegram\\.me|telegram\\.dog)/(?:\\+|joinchat/)([A-Za-z0-9_-]+)/?");

    private void messageLinkInfo(String url, JsonNode extra) {
        Optional<ChannelModel> channel = Optional.empty();
        long messageId = 0;
        boolean isPublic = false;
        Matcher m;
        if ((m = PUBLIC_LINK.matcher(url)).matches()) {
            channel = sim.channelByUsername(m.group(1));
            messageId = Long.parseLong(m.group(2));
            isPublic = true;
        } else if ((m = PRIVATE_LINK.matcher(url)).matches()) {
            channel = sim.channelById(Long.parseLong(m.group(1)));
            messageId = Long.parseLong(m.group(2));
        } else if (url.startsWith("tg://")) {
            try {
                URI uri = new URI(url);
                Map<String, String> q = query(uri.getRawQuery());
                if ("resolve".equals(uri.getHost()) && q.containsKey("domain") && q.containsKey("post")) {
                    channel = sim.channelByUsername(q.get("domain"));
                    messageId = Long.parseLong(q.get("post"));
                    isPublic = true;
                } else if ("privatepost".equals(uri.getHost()) && q.containsKey("channel") && q.containsKey("post")) {
                    channel = sim.channelById(Long.parseLong(q.get("channel")));
                    messageId = Long.parseLong(q.get("post"));
                } else {
                    answer(extra, TdObjects.error(400, "Invalid message link URL"));
                    return;
                }
            } catch (Exception e) {
                answer(extra, TdObjects.error(400, "Invalid message link URL"));
                return;
            }
        } else {
            answer(extra, TdObjects.error(400, "Invalid message link URL"));
            return;
        }
        boolean pub = isPublic;
        long id = messageId;
        Optional<ChannelModel> target = channel;
        network("resolve", extra, () -> {
            ObjectNode info = TdObjects.object("messageLinkInfo").put("is_public", pub);
            boolean accessible = target.isPresent() && accessible(target.get());
            info.put("chat_id", accessible ? target.get().chatId() : 0);
            if (accessible) {
                know(target.get().chatId());
                sim.touched(target.get());
                // in a forum, the link's topic; a topic's link (its opening message, or 1 for General) has no
                // message (MessagesManager::get_message_link_info_object, td/telegram/MessagesManager.cpp)
                boolean topicLink = target.get().spec().forum() && (id == SimThreads.GENERAL
                        || SimThreads.opensTopic(target.get().spec(), id));
                if (!topicLink) {
                    target.get().message(id, run).ifPresent(msg -> info.set("message",
                            SimMessages.message(sim, this, target.get(), msg)));
                }
                if (target.get().spec().forum()) {
                    info.set("topic_id", TdObjects.object("messageTopicForum").put("forum_topic_id",
                            (int) target.get().topicOf(id)));
                }
            }
            info.put("media_timestamp", 0).put("checklist_task_id", 0).put("poll_option_id", "").put("for_album", false);
            return info;
        });
    }

    private boolean accessible(ChannelModel c) {
        return switch (c.spec().access()) {
            case "invite" -> session.joined.contains(c.chatId());
            default -> true;
        };
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return q;
    }

    private void checkInvite(String link, JsonNode extra) {
        Matcher m = INVITE.matcher(link);
        if (!m.matches()) {
            answer(extra, TdObjects.error(400, "Wrong invite link"));
            return;
        }
        String hash = m.group(1);
        network("resolve", extra, () -> {
            Optional<ChannelModel> channel = sim.channelByInvite(hash);
            if (channel.isEmpty()) {
                return TdObjects.error(400, "INVITE_HASH_EXPIRED");
            }
            ChannelModel c = channel.get();
            boolean member = session.joined.contains(c.chatId()) || !c.spec().access().equals("invite");
            if (member) {
                know(c.chatId());
            }
            ObjectNode info = TdObjects.object("chatInviteLinkInfo").put("chat_id", member ? c.chatId() : 0)
                    .put("accessible_for", 0);
            info.set("type", TdObjects.object(c.spec().group() ? "inviteLinkChatTypeSupergroup" : "inviteLinkChatTypeChannel"));
            info.put("title", c.title()).put("accent_color_id", 0).put("description", "").put("member_count", c.spec().members());
            info.putArray("member_user_ids");
            info.put("creates_join_request", false).put("is_public", !c.username().isEmpty());
            return info;
        });
    }

    private void joinInvite(String link, JsonNode extra) {
        Matcher m = INVITE.matcher(link);
        if (!m.matches()) {
            answer(extra, TdObjects.error(400, "Wrong invite link"));
            return;
        }
        String hash = m.group(1);
        network("resolve", extra, () -> {
            Optional<ChannelModel> channel = sim.channelByInvite(hash);
            if (channel.isEmpty()) {
                return TdObjects.error(400, "INVITE_HASH_EXPIRED");
            }
            long chatId = channel.get().chatId();
            session.joined.add(chatId);
            session.save();
            know(chatId);
            sim.touched(channel.get());
            return TdObjects.object("chatJoinResultSuccess").put("chat_id", chatId);
        });
    }

    // ---------------------------------------------------------------- history

    private void history(String type, ObjectNode r, JsonNode extra) {
        long chatId = r.path("chat_id").asLong();
        Optional<ChannelModel> found = sim.channelByChatId(chatId);
        if (found.isEmpty() && sim.otherChat(chatId).isPresent() && knows(chatId)) {
            answer(extra, emptyHistory(type, r));
            return;
        }
        if (found.isEmpty() || !knows(chatId)) {
            answer(extra, TdObjects.error(400, "Chat not found"));
            return;
        }
        ChannelModel channel = found.get();
        if (channel.spec().access().equals("private") || !accessible(channel)) {
            DataCentre dc = sim.dc(channel);
            answerLater(dc.latency(), extra, () -> TdObjects.error(400, "CHANNEL_PRIVATE"));
            return;
        }
        History h = histories.computeIfAbsent(chatId, k -> new History(newest(channel)));
        switch (type) {
            case "getChatHistory" -> {
                long from = r.path("from_message_id").asLong() >> 20;
                int limit = Math.max(1, Math.min(100, r.path("limit").asInt(100)));
                if (r.path("offset").asInt() != 0) {
                    // newer messages around a message: loaded from the server as asked
                    network("history", extra, () -> SimMessages.history(sim, this, channel, r));
                    sim.counters.historyLoads.incrementAndGet();
                    return;
                }
                serveHistory(h, channel, from == 0 ? h.top : from - 1, limit, r.path("only_local").asBoolean(), extra);
            }
            case "searchChatMessages" -> {
                sim.counters.historyLoads.incrementAndGet();
                network("history", extra, () -> SimMessages.search(sim, this, channel, r));
            }
            case "getChatMessageCount" -> {
                Supplier<ObjectNode> count = () -> TdObjects.object("count").put("count", sim.count(channel, run,
                        r.path("filter").path("@type").asText("searchMessagesFilterEmpty")));
                if (r.path("return_local").asBoolean()) {
                    answer(extra, TdObjects.object("count").put("count", -1));
                } else {
                    sim.counters.historyLoads.incrementAndGet();
                    network("history", extra, count);
                }
            }
            case "getMessage" -> {
                long id = r.path("message_id").asLong() >> 20;
                Supplier<ObjectNode> message = () -> channel.message(id, run)
                        .map(m -> SimMessages.message(sim, this, channel, m))
                        .orElseGet(() -> TdObjects.error(404, "Not Found"));
                if (h.holds(id)) {
                    answer(extra, message.get()); // TDLib has it in memory
                } else {
                    sim.counters.historyLoads.incrementAndGet();
                    network("history", extra, message);
                }
            }
            default -> {
                sim.counters.historyLoads.incrementAndGet();
                network("history", extra, () -> SimMessages.messages(sim, this, channel, r.path("message_ids")));
            }
        }
    }

    /** What history requests answer for the scenario's other chats: they have no messages. */
    private static ObjectNode emptyHistory(String type, ObjectNode r) {
        return switch (type) {
            case "searchChatMessages" -> TdObjects.object("foundChatMessages").put("total_count", 0)
                    .<ObjectNode>set("messages", SimulatedTdlib.JSON.createArrayNode()).put("next_from_message_id", 0);
            case "getChatMessageCount" -> TdObjects.object("count").put("count", 0);
            case "getMessage" -> TdObjects.error(404, "Not Found");
            case "getMessages" -> {
                ObjectNode result = TdObjects.object("messages").put("total_count", r.path("message_ids").size());
                ArrayNode messages = result.putArray("messages");
                r.path("message_ids").forEach(id -> messages.addNull());
                yield result;
            }
            default -> TdObjects.object("messages").put("total_count", 0)
                    .set("messages", SimulatedTdlib.JSON.createArrayNode());
        };
    }

    /** The newest message a channel has (TDLib knows a chat's last message as soon as it knows the chat). */
    private long newest(ChannelModel channel) {
        long count = channel.messageCount(run);
        for (long id = count; id >= 1 && id > count - 10_000; id--) {
            if (channel.message(id, run).isPresent()) {
                return id;
            }
        }
        return count;
    }

    /**
     * What this client holds of a chat's history, as TDLib's message store (td/telegram/MessagesManager.cpp):
     * one contiguous run of message ids from {@code top} down to {@code bottom}. getChatHistory returns
     * only what is held below its starting point (so the first call returns just the last message),
     * and when fewer than {@value #PRELOAD_BELOW} older messages are held TDLib loads
     * {@value #LOAD} more from the server in the background; a call that finds nothing held waits
     * for that load.
     */
    private static final class History {
        static final int PRELOAD_BELOW = 31;
        static final int LOAD = 50;
        long top;
        long bottom;
        boolean loading;
        ObjectNode loadError;
        final List<Runnable> waiting = new ArrayList<>();

        History(long newest) {
            this.top = newest;
            this.bottom = newest;
        }

        boolean holds(long id) {
            return id >= bottom && id <= top;
        }
    }

    private void serveHistory(History h, ChannelModel channel, long start, int limit, boolean onlyLocal, JsonNode extra) {
        if (start < 1) {
            answer(extra, SimMessages.page(sim, this, channel, List.of()));
            return;
        }
        if (start < h.bottom - 1 || start > h.top) {
            // a jump away from what is held (a range starting mid-history): a new run starts there
            h.top = start;
            h.bottom = start + 1;
        }
        List<ChannelModel.Msg> held = new ArrayList<>();
        long id = Math.min(start, h.top);
        for (; id >= h.bottom && held.size() < limit; id--) {
            channel.message(id, run).ifPresent(held::add);
        }
        if (!held.isEmpty() || h.bottom <= 1 || onlyLocal) {
            answer(extra, SimMessages.page(sim, this, channel, held));
            long oldestReturned = held.isEmpty() ? start : held.getLast().id();
            if (oldestReturned - h.bottom < History.PRELOAD_BELOW && h.bottom > 1) {
                loadOlder(h, channel);
            }
            return;
        }
        long holdKey = hold(extra);
        h.waiting.add(() -> {
            if (!release(holdKey)) {
                return;
            }
            if (h.loadError != null) {
                answer(extra, h.loadError.deepCopy());
            } else {
                serveHistory(h, channel, start, limit, false, extra);
            }
        });
        loadOlder(h, channel);
    }

    /** One server load of the {@value History#LOAD} messages below what is held. */
    private void loadOlder(History h, ChannelModel channel) {
        if (h.loading || !online()) {
            return;
        }
        h.loading = true;
        h.loadError = null;
        sim.counters.historyLoads.incrementAndGet();
        DataCentre dc = sim.accountDc();
        Runnable done = () -> {
            h.loading = false;
            List<Runnable> waiting = List.copyOf(h.waiting);
            h.waiting.clear();
            waiting.forEach(Runnable::run);
        };
        NetQuery.send(sim, dc, now -> dc.api("history").admit(now), () -> sim.loop.after(dc.latency(), () -> {
            h.bottom = Math.max(1, h.bottom - History.LOAD);
            done.run();
        }), seconds -> {
            h.loadError = TdObjects.error(429, "Too Many Requests: retry after " + seconds);
            done.run();
        }, () -> { });
    }

    // ---------------------------------------------------------------- sending

    private void sendMessage(ObjectNode r, JsonNode extra) {
        long chatId = r.path("chat_id").asLong();
        boolean self = chatId == sim.scenario().account().userId();
        if (!self && !knows(chatId)) {
            answer(extra, TdObjects.error(400, "Chat not found"));
            return;
        }
        String text = r.path("input_message_content").path("text").path("text").asText();
        if (!r.path("input_message_content").path("@type").asText().equals("inputMessageText") || text.isEmpty()) {
            answer(extra, TdObjects.error(400, "Message text can't be empty"));
            return;
        }
        long sendingId = nextSendingId++;
        long temporaryId = (1L << 50) + sendingId; // TDLib's ids of messages still being sent are temporary
        ObjectNode pendingMessage = SimMessages.outgoing(sim, chatId, temporaryId, text, true, sendingId);
        answer(extra, pendingMessage);
        DataCentre dc = sim.accountDc();
        NetQuery.Admission both = now -> {
            int wait = dc.api("send:" + chatId).admit(now);
            return wait != 0 ? wait : dc.api("send_global").admit(now);
        };
        NetQuery.send(sim, dc, both, () -> sim.loop.after(dc.latency(), () -> {
            long serverId = nextServerMessage++;
            sim.delivered(chatId, text);
            ObjectNode u = TdObjects.object("updateMessageSendSucceeded");
            u.set("message", SimMessages.outgoing(sim, chatId, serverId << 20, text, false, 0));
            u.put("old_message_id", temporaryId);
            update(u);
        }), seconds -> sendFailed(chatId, temporaryId, text, seconds), () -> { });
    }

    private void sendFailed(long chatId, long temporaryId, String text, int seconds) {
        ObjectNode u = TdObjects.object("updateMessageSendFailed");
        u.set("message", SimMessages.outgoing(sim, chatId, temporaryId, text, false, 0));
        u.put("old_message_id", temporaryId);
        u.set("error", TdObjects.error(429, "Too Many Requests: retry after " + seconds));
        update(u);
    }

    // ---------------------------------------------------------------- proxies

    private void proxies(String type, ObjectNode r, JsonNode extra) {
        switch (type) {
            case "addProxy" -> {
                ObjectNode proxy = r.path("proxy").deepCopy();
                if (proxy.path("server").asText().isEmpty() || proxy.path("port").asInt() <= 0 || proxy.path("port").asInt() > 65535) {
                    answer(extra, TdObjects.error(400, "Wrong server name or port"));
                    return;
                }
                boolean enable = r.path("enable").asBoolean();
                if (enable) {
                    session.proxies.forEach(p -> p.put("is_enabled", false));
                }
                ObjectNode added = TdObjects.object("addedProxy").put("id", session.nextProxyId++).put("last_used_date", 0)
                        .put("is_enabled", enable).put("comment", r.path("comment").asText(""));
                added.set("proxy", proxy);
                session.proxies.add(added);
                session.save();
                answer(extra, added.deepCopy());
            }
            case "getProxies" -> {
                ObjectNode list = TdObjects.object("addedProxies");
                ArrayNode array = list.putArray("proxies");
                session.proxies.forEach(p -> array.add(p.deepCopy()));
                answer(extra, list);
            }
            case "enableProxy", "removeProxy" -> {
                int proxyId = r.path("proxy_id").asInt();
                boolean exists = session.proxies.stream().anyMatch(p -> p.path("id").asInt() == proxyId);
                if (!exists) {
                    answer(extra, TdObjects.error(400, "Unknown proxy identifier"));
                    return;
                }
                if (type.equals("removeProxy")) {
                    session.proxies.removeIf(p -> p.path("id").asInt() == proxyId);
                } else {
                    session.proxies.forEach(p -> p.put("is_enabled", p.path("id").asInt() == proxyId));
                }
                session.save();
                answer(extra, TdObjects.ok());
            }
            default -> {
                session.proxies.forEach(p -> p.put("is_enabled", false));
                session.save();
                answer(extra, TdObjects.ok());
            }
        }
    }

    /** A file folder name used by TDLib for a media type. */
    static String folder(String type, int slot) {
        if (slot == 1) {
            return "thumbnails";
        }
        return switch (type) {
            case "photo" -> "photos";
            case "video" -> "videos";
            case "audio" -> "music";
            case "voice" -> "voice";
            case "video_note" -> "video_notes";
            case "animation" -> "animations";
            case "sticker" -> "stickers";
            default -> "documents";
        };
    }

    // ---------------------------------------------------------------- live posts

    /** Whether the client is logged in and running. */
    boolean ready() {
        return phase == Phase.READY;
    }

    /**
     * openChat and closeChat: TDLib answers ok for a chat it knows and "Chat not found" otherwise
     * (MessagesManager::open_dialog and close_dialog look the dialog up first, td/telegram/MessagesManager.cpp).
     */
    private void openOrClose(boolean open, long chatId, JsonNode extra) {
        Optional<ChannelModel> channel = sim.channelByChatId(chatId);
        if (channel.isEmpty() || !knows(chatId)) {
            answer(extra, TdObjects.error(400, "Chat not found"));
            return;
        }
        if (open) {
            opened.add(chatId);
        } else {
            opened.remove(chatId);
        }
        answer(extra, TdObjects.ok());
    }

    /**
     * A live post {@code id} of {@code channel} was made. The session keeps the count; the message joins
     * what this client holds of the history (TDLib adds a new message it is told of to the chat's
     * history); a client with the chat open is told, unless the connection is down: then it learns of
     * it only by asking for the history (TDLib gives up on a long channel difference and jumps to the
     * chat's new last message, MessagesManager::on_get_channel_difference).
     */
    void livePost(ChannelModel channel, long id) {
        long chatId = channel.chatId();
        session.posted.put(chatId, channel.posted());
        session.save();
        History h = histories.get(chatId);
        if (h != null) {
            if (h.top < id - 1) {
                h.bottom = id; // a gap below the new message: a new run of held history starts at it
            }
            h.top = id;
        }
        if (!opened.contains(chatId) || sim.outage()) {
            return;
        }
        channel.message(id, run).ifPresent(m -> update(SimMessages.updateNewMessage(sim, this, channel, m)));
        long edited = id - 1;
        if (channel.editTarget(edited)) {
            channel.message(edited, run).ifPresent(m -> {
                update(SimMessages.updateMessageContent(sim, this, channel, m));
                update(SimMessages.updateMessageEdited(channel, m));
            });
        }
    }

    /** TDLib's own cleaned file name: safe characters only, the file id in front to keep it unique. */
    static String tdlibName(int fileId, Optional<String> name, String extension) {
        String base = name.orElse("file." + extension).replaceAll("[^A-Za-z0-9._ -]", "_");
        base = base.replaceAll("^[. ]+", "");
        if (base.length() > 60) {
            base = base.substring(base.length() - 60);
        }
        return fileId + "_" + (base.isEmpty() ? "file" : base).toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- forum topics and comments

    /**
     * getSupergroupFullInfo: a server query (channels.getFullChannel) for a supergroup TDLib has seen
     * (ChatManager.cpp answers "Supergroup not found" for others).
     */
    private void supergroupFullInfo(long supergroupId, JsonNode extra) {
        Optional<ChannelModel> channel = sim.channelById(supergroupId);
        if (channel.isEmpty() || !knows(channel.get().chatId())) {
            answer(extra, TdObjects.error(400, "Supergroup not found"));
            return;
        }
        network("resolve", extra, () -> {
            long linked = SimThreads.linkedChatId(channel.get());
            if (linked != 0) {
                know(linked); // the answer brings the linked chat along: TDLib knows it from then on
            }
            return SimThreads.fullInfo(channel.get());
        });
    }

    /** The forum and thread requests (SimThreads), each one server query charged to the history limit. */
    private void threads(String type, ObjectNode r, JsonNode extra) {
        long chatId = r.path("chat_id").asLong();
        Optional<ChannelModel> found = sim.channelByChatId(chatId);
        if (found.isEmpty() || !knows(chatId)) {
            answer(extra, TdObjects.error(400, sim.otherChat(chatId).isPresent() && knows(chatId)
                    ? type.equals("getMessageThreadHistory") ? "Can't get message thread history in the chat"
                    : "The chat is not a forum" : "Chat not found"));
            return;
        }
        ChannelModel c = found.get();
        if (c.spec().access().equals("private") || !accessible(c)) {
            answerLater(sim.dc(c).latency(), extra, () -> TdObjects.error(400, "CHANNEL_PRIVATE"));
            return;
        }
        sim.counters.historyLoads.incrementAndGet();
        network("history", extra, () -> switch (type) {
            case "getForumTopics" -> SimThreads.forumTopics(sim, this, c, r);
            case "getForumTopic" -> SimThreads.forumTopic(sim, this, c, r);
            case "getForumTopicHistory" -> SimThreads.forumTopicHistory(sim, this, c, r);
            default -> SimThreads.threadHistory(sim, this, c, r);
        });
    }
}
