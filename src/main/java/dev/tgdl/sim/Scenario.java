package dev.tgdl.sim;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.tgdl.config.ValueTexts.DurationText;
import dev.tgdl.config.ValueTexts.SizeText;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A simulated Telegram: the account, how it logs in, its limits and faults, and its channels.
 * Loaded from YAML ({@code docs/scenarios.md} documents every key); unset keys take the defaults
 * of {@code scenario-defaults.yaml}, a channel's unset keys those of its {@code channel:} section
 * there, and another chat's those of its {@code chat:} section. Immutable.
 *
 * @param name      a name for reports ("builtin" or the file's stem)
 * @param timeScale at most this many simulated seconds per real second (the clock is virtual: time moves when
 *                  tgdl and the simulator both wait; infinite for {@code max}, as fast as the processor allows)
 * @param seed      seeds every random choice of the simulation
 * @param network   "online", or "offline": requests that need Telegram's servers never answer
 * @param account   the user
 * @param auth      how the account logs in
 * @param limits    the account's limits (a channel may override them: its files live on another data centre)
 * @param faults    faults of downloads and of the connection
 * @param channels  the channels and supergroups (sources with messages)
 * @param chats     the account's other chats: private chats and basic groups, without messages
 */
public record Scenario(String name, @JsonDeserialize(using = ScaleText.class) double timeScale, long seed, String network, Account account, Auth auth,
                       Limits limits, Faults faults, List<ChannelSpec> channels, List<ChatSpec> chats) {

    /**
     * The user.
     *
     * @param userId    user id (also the chat id of Saved Messages)
     * @param firstName first name
     * @param lastName  last name
     * @param username  username, "" for none
     * @param phone     phone number, digits with a leading +
     * @param premium   Telegram Premium
     */
    public record Account(long userId, String firstName, String lastName, String username, String phone,
                          boolean premium) {
    }

    /**
     * Login.
     *
     * @param authorized      a fresh database is logged in at once
     * @param phone           the phone number to accept ("" accepts any valid number)
     * @param code            the login code
     * @param password        the two-step password ("" for none)
     * @param passwordHint    its hint
     * @param registered      false: the number has no account (authorizationStateWaitRegistration)
     * @param requireEmail    Telegram asks for a login email (authorizationStateWaitEmailAddress)
     * @param premiumPurchase Telegram asks for a Premium purchase (authorizationStateWaitPremiumPurchase)
     * @param qrConfirmAfter  a QR login is confirmed this long after the first link is shown (0: never)
     * @param qrRefresh       the QR token is replaced this often
     */
    public record Auth(boolean authorized, String phone, String code, String password, String passwordHint,
                       boolean registered, boolean requireEmail, boolean premiumPurchase,
                       @JsonDeserialize(using = DurationText.class) Duration qrConfirmAfter,
                       @JsonDeserialize(using = DurationText.class) Duration qrRefresh) {
    }

    /**
     * A token bucket.
     *
     * @param rate  requests per second
     * @param burst requests that may come at once
     */
    public record Bucket(double rate, int burst) {
    }

    /**
     * Flood waits: the k-th episode within {@code window} of the previous one waits base × factor^k
     * (at most {@code max}).
     *
     * @param base   the first wait
     * @param factor the escalation
     * @param max    the longest wait
     * @param window how long the memory of an episode lasts
     */
    public record Flood(@JsonDeserialize(using = DurationText.class) Duration base, double factor,
                        @JsonDeserialize(using = DurationText.class) Duration max,
                        @JsonDeserialize(using = DurationText.class) Duration window) {
    }

    /**
     * A change of limits at a simulated time (for bursty scenarios).
     *
     * @param at        seconds after the simulation started
     * @param bandwidth new bandwidth, if it changes
     * @param history   new history bucket, if it changes
     * @param parts     new file part bucket, if it changes
     */
    public record Phase(@JsonDeserialize(using = DurationText.class) Duration at,
                        @JsonDeserialize(contentUsing = SizeText.class) Optional<Long> bandwidth,
                        Optional<Bucket> history, Optional<Bucket> parts) {
    }

    /**
     * Telegram's download speed limit for accounts without Premium: once the account has downloaded
     * {@code after} within {@code window}, a share of its part requests is answered
     * {@code FLOOD_PREMIUM_WAIT_X} (X between {@code waitMin} and {@code waitMax} seconds), which
     * TDLib waits out and reports once with {@code updateSpeedLimitNotification}.
     *
     * @param after   bytes within the window before the limit applies (0: never)
     * @param window  how far back the volume counts
     * @param share   share of part requests slowed while the limit applies
     * @param waitMin the shortest wait
     * @param waitMax the longest wait
     */
    public record SpeedLimit(@JsonDeserialize(using = SizeText.class) long after,
                             @JsonDeserialize(using = DurationText.class) Duration window, double share,
                             @JsonDeserialize(using = DurationText.class) Duration waitMin,
                             @JsonDeserialize(using = DurationText.class) Duration waitMax) {
    }

    /**
     * Limits. The account's: every key. A channel's (the data centre its files live on): only
     * {@code bandwidth}, {@code latency}, {@code parts}, {@code flood} and {@code phases}; history,
     * search, resolve and sending go to the account's main data centre whatever the chat.
     *
     * @param bandwidth  download bytes per second of a data centre, shared by the parts in flight
     * @param latency    round trip of a request
     * @param parts      file parts ({@code upload.getFile}, 64 KiB to 512 KiB each) per data centre
     * @param history    getChatHistory loads, searchChatMessages, getChatMessageCount, getMessage(s)
     * @param resolve    searchPublicChat, getMessageLinkInfo, checkChatInviteLink, joinChatByInviteLink
     * @param send       sendMessage, per destination chat
     * @param sendGlobal sendMessage, all chats together
     * @param flood      the waits imposed when a bucket runs dry
     * @param speedLimit the download speed limit of accounts without Premium
     * @param phases     changes over time
     */
    public record Limits(@JsonDeserialize(using = SizeText.class) long bandwidth,
                         @JsonDeserialize(using = DurationText.class) Duration latency, Bucket parts, Bucket history,
                         Bucket resolve, Bucket send, Bucket sendGlobal, Flood flood, SpeedLimit speedLimit,
                         List<Phase> phases) {
    }

    /**
     * Faults.
     *
     * @param stallShare    share of downloads that stall (active, no progress, until cancelled)
     * @param failShare     share of downloads that fail silently midway
     * @param brokenShare   share of files whose download always stops halfway (damaged on Telegram's side)
     * @param flapEvery     a connection outage this often (0: never)
     * @param flapDuration  how long an outage lasts
     */
    public record Faults(double stallShare, double failShare, double brokenShare,
                         @JsonDeserialize(using = DurationText.class) Duration flapEvery,
                         @JsonDeserialize(using = DurationText.class) Duration flapDuration) {
    }

    /**
     * Sizes of files: log-normal around a median, cut to [min, max].
     *
     * @param median the median size
     * @param sigma  the spread (0: every file has the median size)
     * @param min    the smallest
     * @param max    the largest
     */
    public record Sizes(@JsonDeserialize(using = SizeText.class) long median, double sigma,
                        @JsonDeserialize(using = SizeText.class) long min,
                        @JsonDeserialize(using = SizeText.class) long max) {
    }

    /**
     * A channel.
     *
     * @param username       public username ("" for none)
     * @param title          title
     * @param id             channel id (the chat id is -100 followed by it)
     * @param messages       messages at the first run
     * @param growth         new messages per later run
     * @param access         public, private (history answers CHANNEL_PRIVATE) or invite (only through its invite link)
"     * @param inviteHash     the hash of its invite link (t.me/+HASH), "" for none
     * @param group          a supergroup (a group chat) rather than a broadcast channel
     * @param members        its member count, as getSupergroup reports it (0: unknown, as TDLib says for some chats)
     * @param media          weights of media types
     * @param sizes          file sizes
     * @param albumShare     share of 10-message blocks that start with an album
     * @param textShare      share of text-only messages
     * @param deletedShare   share of deleted message ids
     * @param duplicateShare share of messages that repeat the file of an earlier message
     * @param start          date of message 1
     * @param interval       time between messages
     * @param fileNames      names given to files, cycled ("" for a file without a name)
     * @param limits         limits of the data centre its files live on, if not the account's main one
     * @param faults         faults of its downloads, if not the account's
     * @param topics         a supergroup's forum topics, by name, besides General ([] for a chat that is no forum)
     * @param discussion     a channel's discussion group: the username of a supergroup of the scenario that
     *                       holds its posts' comments ("" for none)
     * @param commentShare   with a discussion group, the share of posts that have comments (1..4 each)
     * @param postEvery      a new message this often (simulated time) while a logged-in client runs (0: never)
     * @param postCount      how many such live posts the channel makes in all, across restarts (0: no end)
     * @param editEvery      every this many later messages (after the first {@code messages}) one is a text
     *                       post that a photo is added to when the next message arrives (0: none)
     */
    public record ChannelSpec(String username, String title, long id, int messages, int growth, String access,
                              String inviteHash, boolean group, int members, Map<String, Double> media, Sizes sizes, double albumShare,
                              double textShare, double deletedShare, double duplicateShare,
                              @JsonDeserialize(using = InstantText.class) Instant start,
                              @JsonDeserialize(using = DurationText.class) Duration interval, List<String> fileNames,
                              Optional<Limits> limits, Optional<Faults> faults,
                              List<String> topics, String discussion, double commentShare,
                              @JsonDeserialize(using = DurationText.class) Duration postEvery, int postCount,
                              int editEvery) {

        /** Whether it is a forum supergroup (it has topics). */
        public boolean forum() {
            return !topics.isEmpty();
        }
    }

    /**
     * A chat of the account that is neither a channel nor a supergroup: in the chat list, without messages.
     *
     * @param type     {@code private} (a chat with a user) or {@code basic_group}
     * @param id       the user id (the chat id too), or the basic group id (the chat id is its negation)
     * @param title    the chat's title: the user's name, or the group's title
     * @param username the user's username ("" for none; basic groups have none)
     * @param members  a basic group's member count (1..200)
     * @param date     when the account joined: with no messages, this orders the chat in the chat list
     */
    public record ChatSpec(String type, long id, String title, String username, int members,
                           @JsonDeserialize(using = InstantText.class) Instant date) {

        /** The TDLib chat id. */
        public long chatId() {
            return type.equals("basic_group") ? -id : id;
        }
    }

    private static final Set<String> ACCESS = Set.of("public", "private", "invite");
    private static final Set<String> CHAT_TYPES = Set.of("private", "basic_group");
    private static final Set<String> TYPES = Set.of("photo", "video", "document", "audio", "voice", "video_note",
            "animation", "sticker");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new Jdk8Module())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The built-in scenario: @demo, @big, @strict, @private, @hostile, @flaky, @growing, @invite, @chatter, and other chats. */
    public static Scenario builtin() {
        try (InputStream in = Scenario.class.getResourceAsStream("builtin.yaml")) {
            if (in == null) {
                throw new ScenarioException("builtin.yaml is missing from the tgdl jar");
            }
            return parse(YAML.readTree(in), "builtin");
        } catch (IOException e) {
            throw new ScenarioException("cannot read the built-in scenario: " + e.getMessage(), e);
        }
    }

    /** The scenarios shipped with tgdl besides the built-in one ({@code --simulate=NAME}). */
    public static final Set<String> BUNDLED = Set.of("bursty", "large", "throttled", "uncapped", "live");

    /** A scenario shipped with tgdl, by name (builtin, or one of {@link #BUNDLED}). */
    public static Scenario bundled(String name) {
        if (name.equals("builtin")) {
            return builtin();
        }
        try (InputStream in = Scenario.class.getResourceAsStream(name + ".yaml")) {
            if (in == null) {
                throw new ScenarioException("no bundled scenario '" + name + "'");
            }
            return parse(YAML.readTree(in), name);
        } catch (IOException e) {
            throw new ScenarioException("cannot read scenario " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a scenario file.
     *
     * @throws ScenarioException naming the key or line that is wrong
     */
    public static Scenario load(Path yaml) {
        if (!Files.isRegularFile(yaml)) {
            throw new ScenarioException("scenario file " + yaml + " does not exist");
        }
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml.toFile());
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ScenarioException(yaml + " is not valid YAML" + (loc == null ? "" : " (line " + loc.getLineNr() + ")")
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ScenarioException("cannot read " + yaml + ": " + e.getMessage(), e);
        }
        String stem = yaml.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        try {
            return parse(tree, stem);
        } catch (ScenarioException e) {
            throw new ScenarioException(yaml + ": " + e.getMessage(), e);
        }
    }

    private static Scenario parse(JsonNode tree, String name) {
        if (tree == null || !tree.isObject()) {
            throw new ScenarioException("a scenario must be a YAML mapping");
        }
        ObjectNode defaults = defaults();
        ObjectNode channelDefaults = (ObjectNode) defaults.remove("channel");
        ObjectNode chatDefaults = (ObjectNode) defaults.remove("chat");
        ObjectNode merged = defaults.deepCopy();
        merge(merged, (ObjectNode) tree);
        merged.put("name", name);
        ArrayNode channels = merged.withArray("channels");
        for (int i = 0; i < channels.size(); i++) {
            if (!channels.get(i).isObject()) {
                throw new ScenarioException("channels[" + i + "] must be a mapping");
            }
            ObjectNode channel = channelDefaults.deepCopy();
            ObjectNode given = (ObjectNode) channels.get(i);
            if (given.has("media")) {
                channel.remove("media"); // a channel's media mix replaces the default mix, it does not add to it
            }
            merge(channel, given);
            if (given.has("limits")) {
                for (String accountWide : List.of("history", "resolve", "send", "send_global", "speed_limit")) {
                    if (given.get("limits").has(accountWide)) {
                        throw new ScenarioException("channels[" + i + "].limits." + accountWide + ": " + accountWide
                                + " is limited per account (TDLib sends it to the account's main data centre, whatever"
                                + " the chat): set it under the top-level limits");
                    }
                }
            }
            if (channel.has("limits")) {
                ObjectNode limits = ((ObjectNode) merged.get("limits")).deepCopy();
                merge(limits, (ObjectNode) channel.get("limits"));
                channel.set("limits", limits);
            }
            if (channel.has("faults")) {
                ObjectNode faults = ((ObjectNode) merged.get("faults")).deepCopy();
                merge(faults, (ObjectNode) channel.get("faults"));
                channel.set("faults", faults);
            }
            channels.set(i, channel);
        }
        ArrayNode chats = merged.withArray("chats");
        for (int i = 0; i < chats.size(); i++) {
            if (!chats.get(i).isObject()) {
                throw new ScenarioException("chats[" + i + "] must be a mapping");
            }
            ObjectNode chat = chatDefaults.deepCopy();
            merge(chat, (ObjectNode) chats.get(i));
            chats.set(i, chat);
        }
        Scenario scenario;
        try {
            scenario = YAML.treeToValue(merged, Scenario.class);
        } catch (UnrecognizedPropertyException e) {
            String key = path(e);
            if (key.endsWith("limits.download") || key.endsWith("download")) {
                throw new ScenarioException("unknown key '" + key + "': downloads are limited per part now,"
                        + " use limits.parts: {rate: PARTS_PER_SECOND, burst: N} (docs/scenarios.md)");
            }
            throw new ScenarioException("unknown key '" + key + "'");
        } catch (JsonMappingException e) {
            throw new ScenarioException("bad value for '" + path(e) + "': " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new ScenarioException(e.getOriginalMessage());
        }
        scenario.validate();
        return scenario;
    }

    private void validate() {
        if (!(timeScale > 0)) {
            throw new ScenarioException("time_scale must be above 0, or max");
        }
        SpeedLimit speed = limits.speedLimit();
        if (speed.share() < 0 || speed.share() > 1 || speed.waitMin().compareTo(speed.waitMax()) > 0
                || speed.waitMin().isNegative()) {
            throw new ScenarioException("limits.speed_limit: share must be 0..1 and 0 <= wait_min <= wait_max");
        }
        if (!network.equals("online") && !network.equals("offline")) {
            throw new ScenarioException("network must be online or offline, not '" + network + "'");
        }
        List<String> seen = new ArrayList<>();
        for (ChannelSpec c : channels) {
            String key = c.username().isEmpty() ? String.valueOf(c.id()) : c.username().toLowerCase(Locale.ROOT);
            if (seen.contains(key)) {
                throw new ScenarioException("two channels are '" + key + "'");
            }
            seen.add(key);
            if (!ACCESS.contains(c.access())) {
                throw new ScenarioException("channel " + key + ": access must be public, private or invite");
            }
            if (c.id() <= 0 || c.id() >= 1L << 40) {
                throw new ScenarioException("channel " + key + ": id must be a positive channel id");
            }
            for (String type : c.media().keySet()) {
                if (!TYPES.contains(type)) {
                    throw new ScenarioException("channel " + key + ": unknown media type '" + type + "' (use " + TYPES + ")");
                }
            }
            if (c.messages() < 0 || c.messages() > 4_000_000) {
                throw new ScenarioException("channel " + key + ": messages must be 0..4000000");
            }
            if (c.postEvery().isNegative() || c.postCount() < 0 || c.editEvery() < 0) {
                throw new ScenarioException("channel " + key + ": post_every, post_count and edit_every must not be negative");
            }
        }
        if (channels.size() > 200) {
            throw new ScenarioException("at most 200 channels");
        }
        SimThreads.validate(channels);
        List<Long> chatIds = new ArrayList<>();
        channels.forEach(c -> chatIds.add(-1_000_000_000_000L - c.id()));
        chatIds.add(account.userId());
        for (int i = 0; i < chats.size(); i++) {
            ChatSpec c = chats.get(i);
            String key = "chats[" + i + "]";
            if (!CHAT_TYPES.contains(c.type())) {
                throw new ScenarioException(key + ": type must be private or basic_group, not '" + c.type() + "'");
            }
            if (c.id() <= 0 || c.id() >= 1_000_000_000_000L) {
                throw new ScenarioException(key + ": id must be a positive user or basic group id");
            }
            if (chatIds.contains(c.chatId())) {
                throw new ScenarioException(key + ": chat id " + c.chatId() + " is taken (by the account or another chat)");
            }
            chatIds.add(c.chatId());
            if (c.type().equals("basic_group") && !c.username().isEmpty()) {
                throw new ScenarioException(key + ": a basic group has no username");
            }
            if (c.type().equals("basic_group") && (c.members() < 1 || c.members() > 200)) {
                throw new ScenarioException(key + ": a basic group has 1..200 members");
            }
        }
    }

    private static ObjectNode defaults() {
        try (InputStream in = Scenario.class.getResourceAsStream("scenario-defaults.yaml")) {
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException | NullPointerException e) {
            throw new ScenarioException("cannot read the scenario defaults: " + e.getMessage(), e);
        }
    }

    private static void merge(ObjectNode base, ObjectNode overlay) {
        for (Map.Entry<String, JsonNode> field : overlay.properties()) {
            JsonNode existing = base.get(field.getKey());
            if (existing instanceof ObjectNode b && field.getValue() instanceof ObjectNode o) {
                merge(b, o);
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                key.append(key.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                key.append('[').append(ref.getIndex()).append(']');
            }
        }
        return key.toString();
    }

    /** This scenario with another seed. */
    public Scenario withSeed(long newSeed) {
        return new Scenario(name, timeScale, newSeed, network, account, auth, limits, faults, channels, chats);
    }

    /** This scenario at another time scale. */
    public Scenario withTimeScale(double scale) {
        return new Scenario(name, scale, seed, network, account, auth, limits, faults, channels, chats);
    }

    /** This scenario with the network up or down. */
    public Scenario withNetwork(String state) {
        return new Scenario(name, timeScale, seed, state, account, auth, limits, faults, channels, chats);
    }

    /** This scenario with other login settings. */
    public Scenario withAuth(Auth newAuth) {
        return new Scenario(name, timeScale, seed, network, account, newAuth, limits, faults, channels, chats);
    }

    /** The model of a channel, by username (without @, any case). */
    public Optional<SimChannel> channel(String username) {
        String u = username.startsWith("@") ? username.substring(1) : username;
        for (int i = 0; i < channels.size(); i++) {
            if (channels.get(i).username().equalsIgnoreCase(u)) {
                return Optional.of(new ChannelModel(this, i));
            }
        }
        return Optional.empty();
    }

    /** The models of every channel. */
    public List<SimChannel> channelModels() {
        List<SimChannel> models = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            models.add(new ChannelModel(this, i));
        }
        return models;
    }

    /** A time scale: a positive number, or {@code max} (as fast as the processor allows). */
    static final class ScaleText extends StdDeserializer<Double> {
        @Serial
        private static final long serialVersionUID = 1L;

        ScaleText() {
            super(Double.class);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return parseScale(p.getValueAsString(), p);
        }

        private static double parseScale(String text, JsonParser p) throws JsonMappingException {
            try {
                return Scenario.timeScale(text);
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage());
            }
        }
    }

    /**
     * Parses a time scale: a positive number of simulated seconds per real second, or {@code max}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static double timeScale(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("max")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double v = Double.parseDouble(t);
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("'" + t + "' is not a time scale: use a positive number (simulated seconds"
                + " per real second) or max");
    }

    /** Instants as ISO-8601 text. */
    static final class InstantText extends StdDeserializer<Instant> {
        @Serial
        private static final long serialVersionUID = 1L;

        InstantText() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return Instant.parse(p.getValueAsString());
            } catch (RuntimeException e) {
                throw JsonMappingException.from(p, "'" + p.getValueAsString() + "' is not an ISO-8601 instant such as 2025-01-01T00:00:00Z");
            }
        }
    }
}
