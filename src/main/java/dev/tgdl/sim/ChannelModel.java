package dev.tgdl.sim;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A channel's messages as a pure function of (scenario seed, channel, message id, run): nothing is
 * stored, so a 100k-message channel costs no memory, and every client and test sees the same channel.
 * File ids are derived too: {@code (channel index + 1) << 23 | source message id << 1 | slot}, where
 * slot 1 is a photo's thumbnail.
 *
 * <p>The one thing that changes while a client runs is how many live posts ({@code post_every}) the
 * channel has made: a count, kept in the session so that it survives restarts, and the rest follows
 * from it (a message that gains a photo, {@code edit_every}, has it once a later message exists).
 */
final class ChannelModel implements SimChannel {

    static final int MAX_MESSAGE_ID = (1 << 22) - 1;
    private static final String[] TYPES = {"photo", "video", "document", "audio", "voice", "video_note", "animation", "sticker"};

    private final Scenario.ChannelSpec spec;
    private final int index;
    private final long seed;
    private final double[] weights = new double[TYPES.length];
    private final double totalWeight;
    /** Live posts made so far (post_every): on Telegram's side, so every client of the simulator sees them. */
    private final AtomicInteger posted = new AtomicInteger();

    /** The channel whose discussion group this is (its messages are the posts' comments), if it is one. */
    private final Optional<ChannelModel> posts;
    /** The chat id of this channel's discussion group, 0 when it has none. */
    private final long discussionChatId;

    ChannelModel(Scenario scenario, int index) {
        this.spec = scenario.channels().get(index);
        this.index = index;
        this.posts = SimThreads.postsOf(scenario, spec).map(i -> new ChannelModel(scenario, i));
        this.discussionChatId = SimThreads.discussionOf(scenario, spec);
        this.seed = SimFiles.mix(scenario.seed() * 0x9E3779B97F4A7C15L + index + 1);
        double total = 0;
        for (int i = 0; i < TYPES.length; i++) {
            weights[i] = spec.media().getOrDefault(TYPES[i], 0.0);
            total += weights[i];
        }
        this.totalWeight = total;
    }

    /** A message of the channel. */
    record Msg(long id, Instant date, long albumId, Kind kind) {
    }

    /** What a message holds: text, or a file (possibly the file of an earlier message). */
    sealed interface Kind permits Text, Media, TopicCreated {
    }

    record Text(String text) implements Kind {
    }

    /** The service message that opens a forum topic (messageForumTopicCreated). */
    record TopicCreated(String name) implements Kind {
    }

    /**
     * A file.
     *
     * @param type     media type
     * @param sourceId the message the file first appeared in (this message, unless a duplicate)
     * @param size     bytes
     * @param name     the name the message carries, empty for none
     */
    record Media(String type, long sourceId, long size, Optional<String> name, String mime) implements Kind {
    }

    Scenario.ChannelSpec spec() {
        return spec;
    }

    int index() {
        return index;
    }

    public String username() {
        return spec.username();
    }

    @Override
    public String title() {
        return spec.title();
    }

    @Override
    public long chatId() {
        return -1_000_000_000_000L - spec.id();
    }

    @Override
    public int messageCount(int run) {
        if (posts.isPresent()) {
            return Math.min(MAX_MESSAGE_ID, posts.get().messageCount(run) * SimThreads.SLOTS);
        }
        return count(run, posted.get());
    }

    private int count(int run, int livePosts) {
        return (int) Math.min(MAX_MESSAGE_ID, (long) spec.messages() + (long) spec.growth() * Math.max(0, run - 1) + livePosts);
    }

    /** The message with this server id at {@code run}, if it exists. */
    Optional<Msg> message(long id, int run) {
        if (posts.isPresent()) {
            return comment(id, run);
        }
        return messageAt(id, messageCount(run));
    }

    /** The message with this server id when the channel has {@code count} messages, if it exists. */
    private Optional<Msg> messageAt(long id, int count) {
        if (id < 1 || id > count || deleted(id)) {
            return Optional.empty();
        }
        if (spec.forum() && SimThreads.opensTopic(spec, id)) {
            return Optional.of(new Msg(id, date(id), 0, new TopicCreated(spec.topics().get((int) id - 2))));
        }
        return Optional.of(new Msg(id, date(id), albumId(id), kind(id, count)));
    }

    /** Live posts made so far. */
    int posted() {
        return posted.get();
    }

    /** Takes up the live posts an earlier client made on this database (they never go away). */
    void restorePosted(int made) {
        posted.accumulateAndGet(made, Math::max);
    }

    /**
     * Makes the next live post: the channel has one message more. Empty when it has made its
     * {@code post_count} posts, or is full.
     */
    OptionalLong post(int run) {
        int before = messageCount(run);
        if (spec.postCount() > 0 && posted.get() >= spec.postCount() || before >= MAX_MESSAGE_ID) {
            return OptionalLong.empty();
        }
        posted.incrementAndGet();
        return OptionalLong.of(messageCount(run));
    }

    /**
     * Whether message {@code id} is a text post that gains a photo once a later message exists
     * ({@code edit_every}; never part of an album).
     */
    boolean editTarget(long id) {
        return spec.editEvery() > 0 && id > spec.messages() && (id - spec.messages()) % spec.editEvery() == 0
                && albumId(id) == 0;
    }

    private boolean deleted(long id) {
        return id > 1 && !(spec.forum() && SimThreads.opensTopic(spec, id)) && uniform(id, 1) < spec.deletedShare();
    }

    // ---------------------------------------------------------------- forums and discussion groups

    @Override
    public long postOf(long messageId) {
        return posts.isPresent() ? SimThreads.postOf(messageId) : 0;
    }

    /** The forum topic of a message of a forum: General (1), a topic's own opening message, or a topic by lot. */
    @Override
    public long topicOf(long id) {
        if (!spec.forum()) {
            return 0;
        }
        if (id == SimThreads.GENERAL || SimThreads.opensTopic(spec, id)) {
            return id;
        }
        long block = albumId(id) != 0 ? (id - 1) / 10 : id; // an album stays in one topic
        int choice = (int) (uniform(block, 12) * (spec.topics().size() + 1));
        return choice == 0 ? SimThreads.GENERAL : choice + 1;
    }

    /** The chat id of this channel's discussion group, 0 for none. */
    long discussionChatId() {
        return discussionChatId;
    }

    /** The channel whose comments this discussion group holds, if it is one. */
    Optional<ChannelModel> posts() {
        return posts;
    }

    /** How many comments a post of this channel has (0 without a discussion group). */
    int comments(long postId, int run) {
        if (discussionChatId == 0 || message(postId, run).isEmpty() || uniform(postId, 13) >= spec.commentShare()) {
            return 0;
        }
        return 1 + (int) (uniform(postId, 14) * (SimThreads.SLOTS - 1));
    }

    /**
     * A message of a discussion group: slot 0 of a post's ids is the post's automatic forward (the thread's
     * first message), slots 1.. its comments, which carry files of the group's own mix.
     */
    private Optional<Msg> comment(long id, int run) {
        if (id < 1 || id > messageCount(run)) {
            return Optional.empty();
        }
        long postId = SimThreads.postOf(id);
        int slot = SimThreads.slotOf(id);
        Optional<Msg> post = posts.get().message(postId, run);
        if (post.isEmpty() || slot > posts.get().comments(postId, run)) {
            return Optional.empty();
        }
        Instant date = post.get().date().plusSeconds(90L * slot);
        return Optional.of(new Msg(id, date, 0, slot == 0 ? new Text("post " + postId) : kind(id, messageCount(run))));
    }

    private Instant date(long id) {
        long step = spec.interval().toMillis();
        long jitter = (long) (uniform(id, 2) * step * 0.5);
        return spec.start().plus(Duration.ofMillis(step * (id - 1) + jitter)).truncatedTo(ChronoUnit.SECONDS);
    }

    /** Blocks of 10 ids; a block may start with an album of 2..10 photos and videos. */
    private int albumSize(long block) {
        if (posts.isPresent() || uniform(block, 3) >= spec.albumShare()) {
            return 0;
        }
        return 2 + (int) (uniform(block, 4) * 9);
    }

    private long albumId(long id) {
        long block = (id - 1) / 10;
        int size = albumSize(block);
        if (size == 0 || (id - 1) % 10 >= size) {
            return 0;
        }
        // positive, channel-specific, and larger than 2^53 as real album ids are
        return (SimFiles.mix(seed ^ block) & 0x3FFF_FFFF_FFFF_FFFFL) | 0x0100_0000_0000_0000L;
    }

    private Kind kind(long id, int count) {
        if (editTarget(id)) {
            return count > id ? media(id, "photo") : new Text("message " + id);
        }
        if (albumId(id) != 0) {
            String type = uniform(id, 5) < 0.7 ? "photo" : "video";
            return media(id, type);
        }
        if (uniform(id, 6) < spec.textShare() || totalWeight <= 0) {
            return new Text("message " + id);
        }
        if (posts.isEmpty() && id > 10 && uniform(id, 7) < spec.duplicateShare()) {
            long source = id - 1 - (long) (uniform(id, 8) * Math.min(id - 2, 50));
            Optional<Msg> original = deleted(source) ? Optional.empty() : Optional.of(new Msg(source, date(source),
                    albumId(source), kind(source, count)));
            if (original.isPresent() && original.get().kind() instanceof Media m) {
                return m;
            }
        }
        double pick = uniform(id, 9) * totalWeight;
        String type = TYPES[TYPES.length - 1];
        for (int i = 0; i < TYPES.length; i++) {
            if (pick < weights[i]) {
                type = TYPES[i];
                break;
            }
            pick -= weights[i];
        }
        return media(id, type);
    }

    private Media media(long id, String type) {
        Scenario.Sizes sizes = spec.sizes();
        double normal = Math.sqrt(-2 * Math.log(1 - uniform(id, 10))) * Math.cos(2 * Math.PI * uniform(id, 11));
        long size = Math.round(sizes.median() * Math.exp(sizes.sigma() * normal));
        size = Math.max(sizes.min(), Math.min(sizes.max(), size));
        Optional<String> name = name(id, type);
        return new Media(type, id, size, name, mime(type, name));
    }

    private Optional<String> name(long id, String type) {
        boolean named = switch (type) {
            case "document", "video", "audio", "animation" -> true;
            default -> false;
        };
        if (!named) {
            return Optional.empty();
        }
        if (!spec.fileNames().isEmpty()) {
            String n = spec.fileNames().get((int) ((id - 1) % spec.fileNames().size()));
            return n.isEmpty() ? Optional.empty() : Optional.of(n);
        }
        return Optional.of(switch (type) {
            case "document" -> "report-" + id + ".pdf";
            case "video" -> "clip_" + id + ".mp4";
            case "audio" -> "track " + id + ".mp3";
            default -> "animation_" + id + ".mp4";
        });
    }

    private static String mime(String type, Optional<String> name) {
        String ext = name.map(n -> n.contains(".") ? n.substring(n.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "")
                .orElse("");
        return switch (type) {
            case "photo" -> "image/jpeg";
            case "video", "video_note", "animation" -> "video/mp4";
            case "audio" -> "audio/mpeg";
            case "voice" -> "audio/ogg";
            case "sticker" -> "image/webp";
            default -> Map.of("pdf", "application/pdf", "txt", "text/plain", "zip", "application/zip")
                    .getOrDefault(ext, "application/octet-stream");
        };
    }

    /** The file id of a message's file in every session. */
    int fileId(long sourceId, int slot) {
        return ((index + 1) << 23) | (int) (sourceId << 1) | slot;
    }

    /** The stable remote.unique_id of a file. */
    String uniqueId(long sourceId, int slot) {
        ByteBuffer b = ByteBuffer.allocate(12).putLong(SimFiles.mix(seed + sourceId * 31 + slot)).putInt((int) sourceId);
        return "AgAD" + Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** The remote.id of a file (longer, as TDLib's are). */
    String remoteId(long sourceId, int slot) {
        ByteBuffer b = ByteBuffer.allocate(24).putLong(SimFiles.mix(seed ^ sourceId)).putLong(index).putLong(sourceId * 2 + slot);
        return "BQACAgIAAx0C" + Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** Size of a photo's thumbnail (slot 1). */
    static long thumbnailSize(long size) {
        return Math.max(200, Math.min(20_000, size / 10));
    }

    @Override
    public Stream<SimMedia> media(int run, int livePosts) {
        if (posts.isPresent()) {
            return media(run); // a discussion group's comments follow its channel's posts, not live posts of its own
        }
        int count = count(run, livePosts);
        return LongStream.rangeClosed(1, count)
                .mapToObj(id -> messageAt(id, count))
                .flatMap(Optional::stream)
                .filter(m -> m.kind() instanceof Media)
                .map(this::simMedia);
    }

    @Override
    public LongStream messageIds(int run) {
        return LongStream.rangeClosed(1, messageCount(run)).filter(id -> message(id, run).isPresent());
    }

    @Override
    public Stream<SimMedia> media(int run) {
        return LongStream.rangeClosed(1, messageCount(run))
                .mapToObj(id -> message(id, run))
                .flatMap(Optional::stream)
                .filter(m -> m.kind() instanceof Media)
                .map(this::simMedia);
    }

    private SimMedia simMedia(Msg m) {
        Media media = (Media) m.kind();
        return new SimMedia(m.id(), chatId(), media.type(), uniqueId(media.sourceId(), 0), media.name(),
                media.mime(), media.size(), m.date(), m.albumId());
    }

    /** Deterministic uniform [0, 1) for (message or block id, purpose). */
    private double uniform(long id, int purpose) {
        return (SimFiles.mix(seed + id * 0x9E3779B97F4A7C15L + purpose * 0xD1B54A32D192ED03L) >>> 11) * 0x1.0p-53;
    }
}
