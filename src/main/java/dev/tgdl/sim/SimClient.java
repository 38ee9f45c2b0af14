package dev.tgdl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One simulated TDLib client: its authorization state machine, its session database, and the
 * requests it serves. Runs only on the simulator's event loop.
 */
final class SimClient {

    enum Phase { NEW, WAIT_PARAMETERS, WAIT_PHONE, WAIT_CODE, WAIT_PASSWORD, WAIT_QR, WAIT_REGISTRATION, WAIT_EMAIL,
        WAIT_PREMIUM, READY, LOGGING_OUT, CLOSING, CLOSED }

    // 3 and up, unlike Telegram (4 or 5): the built-in scenario has @big, as DESIGN.md names it
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
    private final Set<Long> knownChats = new HashSet<>();
    private final Set<Long> historyStarted = new HashSet<>();
    /** Requests answered later (network latency, waits, synchronous downloads, offline): failed on close. */
    private final Map<Long, JsonNode> pending = new HashMap<>();
    private long pendingSeq;
    private int qrToken;
    private long nextSendingId = 1;
    private long nextServerMessage = 1000;

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

    private static JsonNode extraOf(String text) {
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
    void answerLater(Duration delay, JsonNode extra, java.util.function.Supplier<ObjectNode> result) {
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
     * Runs a request that needs Telegram's servers: admitted by the data centre's bucket for
     * {@code kind}, delayed by latency, absorbed waits and outages; a 429 when the wait is long.
     */
    void network(DataCentre dc, String key, String kind, JsonNode extra, java.util.function.Supplier<ObjectNode> result) {
        if (!online()) {
            hold(extra); // no network: answered only by close
            return;
        }
        long holdKey = hold(extra);
        admitThen(dc, key, kind, () -> {
            if (release(holdKey)) {
                answerLater(dc.latency(), extra, result);
            }
        }, seconds -> {
            if (release(holdKey)) {
                sim.counters.tooMany.incrementAndGet();
                answer(extra, TdObjects.error(429, "Too Many Requests: retry after " + seconds));
            }
        });
    }

    /** Admission with TDLib's silent waits and the connection's outages; calls exactly one of the two. */
    void admitThen(DataCentre dc, String key, String kind, Runnable admitted, java.util.function.IntConsumer tooMany) {
        long now = sim.loop.now();
        if (sim.outage()) {
            sim.loop.at(sim.outageEnds(), () -> admitThen(dc, key, kind, admitted, tooMany));
            return;
        }
        switch (dc.admit(key, kind, now)) {
            case DataCentre.Admit a -> admitted.run();
            case DataCentre.Delay d -> {
                sim.counters.absorbed.incrementAndGet();
                sim.loop.at(now + d.nanos(), () -> admitThen(dc, key, kind, admitted, tooMany));
            }
            case DataCentre.TooMany t -> tooMany.accept(t.seconds());
        }
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
            case "getMessageLinkInfo" -> messageLinkInfo(r.path("url").asText(), extra);
            case "checkChatInviteLink" -> checkInvite(r.path("invite_link").asText(), extra);
            case "joinChatByInviteLink" -> joinInvite(r.path("invite_link").asText(), extra);
            case "getChatHistory", "searchChatMessages", "getChatMessageCount", "getMessage", "getMessages" ->
                    history(type, r, extra);
            case "downloadFile" -> sim.transfers.download(this, r, extra);
            case "cancelDownloadFile" -> {
                sim.transfers.cancel(this, r.path("file_id").asInt());
                answer(extra, TdObjects.ok());
            }
            case "getFile" -> answer(extra, sim.transfers.fileObject(this, r.path("file_id").asInt()));
            case "deleteFile" -> answer(extra, sim.transfers.delete(this, r.path("file_id").asInt()));
            case "sendMessage" -> sendMessage(r, extra);
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
        if (session.fresh && sim.scenario().auth().authorized()) {
            session.authorized = true;
        }
        session.save();
        answer(extra, TdObjects.ok());
        if (session.authorized) {
            state(Phase.READY, TdObjects.object("authorizationStateReady"));
            connection("connectionStateReady");
        } else {
            state(Phase.WAIT_PHONE, TdObjects.object("authorizationStateWaitPhoneNumber"));
        }
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
        state(Phase.READY, TdObjects.object("authorizationStateReady"));
        connection("connectionStateReady");
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
        byte[] token = ("sim-login-" + id + "-" + qrToken + "-" + sim.scenario().seed()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
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

    private void searchPublicChat(ObjectNode r, JsonNode extra) {
        String username = r.path("username").asText().replaceFirst("^@", "");
        if (!USERNAME.matcher(username).matches()) {
            answer(extra, TdObjects.error(400, "USERNAME_INVALID"));
            return;
        }
        DataCentre dc = sim.accountDc();
        network(dc, "resolve", "resolve", extra, () -> {
            Optional<ChannelModel> channel = sim.channelByUsername(username);
            if (channel.isEmpty()) {
                return TdObjects.error(400, "USERNAME_NOT_OCCUPIED");
            }
            knownChats.add(channel.get().chatId());
            sim.touched(channel.get());
            return TdObjects.channelChat(channel.get());
        });
    }

    private void getChat(long chatId, JsonNode extra) {
        if (chatId == sim.scenario().account().userId()) {
            answer(extra, TdObjects.privateChat(sim.scenario().account()));
            return;
        }
        Optional<ChannelModel> channel = sim.channelByChatId(chatId);
        if (channel.isEmpty() || !knownChats.contains(chatId)) {
            answer(extra, TdObjects.error(400, "Chat not found"));
            return;
        }
        answer(extra, TdObjects.channelChat(channel.get()));
    }

    private void getSupergroup(long supergroupId, JsonNode extra) {
        Optional<ChannelModel> channel = sim.channelById(supergroupId);
        if (channel.isEmpty() || !knownChats.contains(channel.get().chatId())) {
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
        network(sim.accountDc(), "resolve", "resolve", extra, () -> {
            ObjectNode info = TdObjects.object("messageLinkInfo").put("is_public", pub);
            boolean accessible = target.isPresent() && accessible(target.get());
            info.put("chat_id", accessible ? target.get().chatId() : 0);
            if (accessible) {
                knownChats.add(target.get().chatId());
                sim.touched(target.get());
                target.get().message(id, run).ifPresent(msg -> info.set("message", SimMessages.message(sim, this, target.get(), msg)));
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
        network(sim.accountDc(), "resolve", "resolve", extra, () -> {
            Optional<ChannelModel> channel = sim.channelByInvite(hash);
            if (channel.isEmpty()) {
                return TdObjects.error(400, "INVITE_HASH_EXPIRED");
            }
            ChannelModel c = channel.get();
            boolean member = session.joined.contains(c.chatId()) || !c.spec().access().equals("invite");
            if (member) {
                knownChats.add(c.chatId());
            }
            ObjectNode info = TdObjects.object("chatInviteLinkInfo").put("chat_id", member ? c.chatId() : 0)
                    .put("accessible_for", 0);
            info.set("type", TdObjects.object("inviteLinkChatTypeChannel"));
            info.put("title", c.title()).put("accent_color_id", 0).put("description", "").put("member_count", 1000);
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
        network(sim.accountDc(), "resolve", "resolve", extra, () -> {
            Optional<ChannelModel> channel = sim.channelByInvite(hash);
            if (channel.isEmpty()) {
                return TdObjects.error(400, "INVITE_HASH_EXPIRED");
            }
            long chatId = channel.get().chatId();
            session.joined.add(chatId);
            session.save();
            knownChats.add(chatId);
            sim.touched(channel.get());
            return TdObjects.object("chatJoinResultSuccess").put("chat_id", chatId);
        });
    }

    // ---------------------------------------------------------------- history

    private void history(String type, ObjectNode r, JsonNode extra) {
        long chatId = r.path("chat_id").asLong();
        Optional<ChannelModel> found = sim.channelByChatId(chatId);
        if (found.isEmpty() || !knownChats.contains(chatId)) {
            answer(extra, TdObjects.error(400, "Chat not found"));
            return;
        }
        ChannelModel channel = found.get();
        if (channel.spec().access().equals("private") || !accessible(channel)) {
            DataCentre dc = sim.dc(channel);
            answerLater(dc.latency(), extra, () -> TdObjects.error(400, "CHANNEL_PRIVATE"));
            return;
        }
        network(sim.dc(channel), "history", "history", extra, () -> switch (type) {
            case "getChatHistory" -> SimMessages.history(sim, this, channel, r, historyStarted.add(chatId)
                    && r.path("from_message_id").asLong() == 0 && r.path("offset").asInt() == 0);
            case "searchChatMessages" -> SimMessages.search(sim, this, channel, r);
            case "getChatMessageCount" -> TdObjects.object("count").put("count", sim.count(channel, run,
                    r.path("filter").path("@type").asText("searchMessagesFilterEmpty")));
            case "getMessage" -> channel.message(r.path("message_id").asLong() >> 20, run)
                    .map(m -> SimMessages.message(sim, this, channel, m))
                    .orElseGet(() -> TdObjects.error(404, "Not Found"));
            default -> SimMessages.messages(sim, this, channel, r.path("message_ids"));
        });
    }

    // ---------------------------------------------------------------- sending

    private void sendMessage(ObjectNode r, JsonNode extra) {
        long chatId = r.path("chat_id").asLong();
        boolean self = chatId == sim.scenario().account().userId();
        if (!self && !knownChats.contains(chatId)) {
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
        admitThen(dc, "send:" + chatId, "send", () -> admitThen(dc, "send_global", "send_global", () ->
                sim.loop.after(dc.latency(), () -> {
                    long serverId = nextServerMessage++;
                    sim.delivered(chatId, text);
                    ObjectNode u = TdObjects.object("updateMessageSendSucceeded");
                    u.set("message", SimMessages.outgoing(sim, chatId, serverId << 20, text, false, 0));
                    u.put("old_message_id", temporaryId);
                    update(u);
                }), seconds -> sendFailed(chatId, temporaryId, text, seconds)),
                seconds -> sendFailed(chatId, temporaryId, text, seconds));
    }

    private void sendFailed(long chatId, long temporaryId, String text, int seconds) {
        sim.counters.tooMany.incrementAndGet();
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

    /** TDLib's own cleaned file name: safe characters only, the file id in front to keep it unique. */
    static String tdlibName(int fileId, Optional<String> name, String extension) {
        String base = name.orElse("file." + extension).replaceAll("[^A-Za-z0-9._ -]", "_");
        base = base.replaceAll("^[. ]+", "");
        if (base.length() > 60) {
            base = base.substring(base.length() - 60);
        }
        return fileId + "_" + (base.isEmpty() ? "file" : base).toLowerCase(Locale.ROOT);
    }

    boolean ready() {
        return phase == Phase.READY;
    }

    boolean exists(Path p) {
        return Files.exists(p);
    }
}
