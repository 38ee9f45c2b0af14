package dev.tgdl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads as TDLib runs them, part by part, with real bytes on disk.
 *
 * <ul>
 *   <li><b>Parts</b> (td/telegram/files/PartsManager.cpp): 64 KiB, doubled while a file would have
 *       more than 4000 parts, at most 512 KiB. Each part is one {@code upload.getFile} to the file's
 *       data centre, charged to that data centre's part budget and sent as a {@link NetQuery}: a
 *       flood wait pauses the download midway (it stays active and makes no progress), and a wait
 *       past TDLib's 60 s stops it without a reason. Parts of videos, documents, audio and
 *       animations leave through a delay dispatcher: 50 ms apart at first, ×0.8 per part, at least
 *       3 ms (FileDownloader.cpp).</li>
 *   <li><b>Bytes in flight</b> (ResourceManager.cpp, FileDownloadManager.cpp): per client and data
 *       centre, 2 MiB of parts in flight (16 MiB with Premium), and as much again for files under
 *       20 KiB. Files are served by priority and, at equal priority, newest request first; each takes
 *       what it still needs, and serving stops at the first file that cannot get a part, so older
 *       requests wait for as long as newer ones keep coming. A queued download shows active with no
 *       progress.</li>
 *   <li><b>Bandwidth</b>: a data centre's bandwidth is shared equally by the parts flowing on it
 *       (processor sharing, computed event by event, exact at any pace). A part flows after a round
 *       trip (jittered ±20%, so parts may finish out of order: {@code downloaded_size} runs ahead of
 *       {@code downloaded_prefix_size}).</li>
 *   <li><b>updateFile</b> (FileManager.cpp): when a download becomes active, after each part but the
 *       last, when it completes, and when it stops; {@code local.path} stays empty until the first part
 *       is written.</li>
 *   <li><b>The speed limit</b> of accounts without Premium: see {@link Scenario.SpeedLimit}.</li>
 * </ul>
 * Partial downloads resume after a restart: the parts already written are listed beside the partial.
 */
final class Transfers {

    private static final Logger LOG = LoggerFactory.getLogger(Transfers.class);
    /** TDLib's bytes of parts in flight per data centre (FileDownloadManager.h, 1 << 21), ×8 with Premium. */
    static final long IN_FLIGHT = 1L << 21;
    /** Files below this size use their own queue and budget (FileDownloadManager.cpp). */
    static final long SMALL_FILE = 20 * 1024;
    static final int MIN_PART = 64 << 10;
    static final int MAX_PART = 512 << 10;
    static final int MAX_PART_COUNT = 4000;
    /** How often TDLib tells of the speed limit at most (option upload_premium_speedup_notify_period). */
    static final Duration SPEED_LIMIT_NOTIFY_PERIOD = Duration.ofHours(1);
    private static final double FIRST_DISPATCH_DELAY = 0.05;
    private static final double MIN_DISPATCH_DELAY = 0.003;

    /** A file of a channel, decoded from its id. */
    record FileRef(ChannelModel channel, long sourceId, int slot, int fileId, String uniqueId, String remoteId, long size,
                   String type, Optional<String> name, String extension) {
    }

    /** One client's download of one file: the parts written and in flight, its place in its pool. */
    private final class Download {
        final SimClient client;
        final FileRef ref;
        final DataCentre dc;
        final Pool pool;
        final int partSize;
        final int partCount;
        final BitSet ready;
        final List<Part> inFlight = new ArrayList<>();
        final List<JsonNode> waiters = new ArrayList<>();
        final boolean dispatched;
        int priority;
        boolean stalled;
        long failAt = -1;
        double nextDelay = FIRST_DISPATCH_DELAY;
        long nextSendAt = Long.MIN_VALUE;
        long readyBytes;
        boolean ended;
        FileChannel channel;

        Download(SimClient client, FileRef ref, DataCentre dc, Pool pool, int priority, BitSet ready) {
            this.client = client;
            this.ref = ref;
            this.dc = dc;
            this.pool = pool;
            this.priority = priority;
            this.partSize = partSize(ref.size());
            this.partCount = (int) Math.max(1, (ref.size() + partSize - 1) / partSize);
            this.ready = ready;
            this.dispatched = ref.size() >= SMALL_FILE && switch (ref.type()) {
                case "video", "document", "audio", "voice", "video_note", "animation" -> true;
                default -> false;
            };
            for (int i = ready.nextSetBit(0); i >= 0 && i < partCount; i = ready.nextSetBit(i + 1)) {
                readyBytes += partLength(i);
            }
        }

        long partLength(int index) {
            long start = (long) index * partSize;
            return Math.min(partSize, ref.size() - start);
        }

        /** Bytes of parts that are neither written nor in flight, in whole parts. */
        long need() {
            long parts = partCount - ready.cardinality() - inFlight.size();
            return Math.max(0, parts) * partSize;
        }

        int nextPart() {
            for (int i = ready.nextClearBit(0); i < partCount; i = ready.nextClearBit(i + 1)) {
                int index = i;
                if (inFlight.stream().noneMatch(p -> p.index == index)) {
                    return i;
                }
            }
            return -1;
        }

        long prefix() {
            int first = ready.nextClearBit(0);
            return first >= partCount ? ref.size() : (long) first * partSize;
        }
    }

    /** A part on its way: sent (waiting out flood waits), crossing the round trip, then flowing. */
    private static final class Part implements Comparable<Part> {
        final Download download;
        final int index;
        final long length;
        final long seq;
        NetQuery query;
        double finishAt;
        int attempts;
        boolean flowing;
        boolean cancelled;

        Part(Download download, int index, long length, long seq) {
            this.download = download;
            this.index = index;
            this.length = length;
            this.seq = seq;
        }

        @Override
        public int compareTo(Part o) {
            int c = Double.compare(finishAt, o.finishAt);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** TDLib's download resource manager of one client, data centre and size class. */
    private final class Pool {
        final long limit;
        long used;
        /** By priority, highest first; at equal priority the newest request first. */
        final LinkedList<Download> order = new LinkedList<>();

        Pool(long limit) {
            this.limit = limit;
        }

        void add(Download d) {
            ListIterator<Download> it = order.listIterator();
            while (it.hasNext()) {
                if (it.next().priority <= d.priority) {
                    it.previous();
                    break;
                }
            }
            it.add(d);
        }

        /** Hands out parts in order; stops at the first download that cannot get one. */
        void serve() {
            for (Download d : List.copyOf(order)) {
                long need = d.need();
                if (need == 0) {
                    continue;
                }
                long give = Math.min(need, limit - used);
                give -= give % d.partSize;
                if (give == 0) {
                    break;
                }
                for (long g = 0; g < give; g += d.partSize) {
                    int index = d.nextPart();
                    if (index < 0) {
                        break;
                    }
                    startPart(d, index);
                }
            }
        }
    }

    /** The bandwidth of one data centre, shared equally by the parts flowing on it. */
    private final class Link {
        final DataCentre dc;
        final TreeSet<Part> flowing = new TreeSet<>();
        /** Bytes each flowing part has received since the start (processor sharing's virtual time). */
        double served;
        long last;
        long generation;

        Link(DataCentre dc) {
            this.dc = dc;
            this.last = sim.loop.now();
            for (long at : dc.bandwidthChanges()) {
                sim.loop.at(at, this::reschedule);
            }
        }

        void advance() {
            long now = sim.loop.now();
            if (!paused && !flowing.isEmpty() && now > last) {
                served += (now - last) / 1e9 * dc.bandwidth(last) / flowing.size();
            }
            last = now;
        }

        void add(Part p) {
            advance();
            p.finishAt = served + p.length;
            p.flowing = true;
            flowing.add(p);
            reschedule();
        }

        void remove(Part p) {
            if (p.flowing) {
                advance();
                flowing.remove(p);
                p.flowing = false;
                reschedule();
            }
        }

        /** Finishes the parts due now and schedules the next finish. */
        void reschedule() {
            advance();
            List<Part> due = new ArrayList<>();
            while (!flowing.isEmpty() && flowing.first().finishAt <= served + 1e-6) {
                Part done = flowing.pollFirst();
                done.flowing = false;
                due.add(done);
            }
            long gen = ++generation;
            if (!paused && !flowing.isEmpty()) {
                double perPart = dc.bandwidth(last) / (double) flowing.size();
                long in = (long) Math.ceil((flowing.first().finishAt - served) / perPart * 1e9);
                sim.loop.at(sim.loop.now() + Math.max(1, in), () -> {
                    if (gen == generation) {
                        reschedule();
                    }
                });
            }
            // after the next finish is scheduled: finishing a part may stop its download, which reschedules
            due.forEach(Transfers.this::partDone);
        }
    }

    private final SimulatedTdlib sim;
    private final Map<Long, Download> active = new HashMap<>();
    private final Map<String, Pool> pools = new HashMap<>();
    private final Map<DataCentre, Link> links = new IdentityHashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private final Map<SimClient, Long> speedNotified = new IdentityHashMap<>();
    private boolean paused;
    private long partSequence;

    Transfers(SimulatedTdlib sim) {
        this.sim = sim;
    }

    /** TDLib's part size for a file of {@code size} bytes (PartsManager::init). */
    static int partSize(long size) {
        int part = MIN_PART;
        while (part < MAX_PART && (size + part - 1) / part > MAX_PART_COUNT) {
            part *= 2;
        }
        return part;
    }

    private static long key(SimClient client, int fileId) {
        return ((long) client.id() << 32) | (fileId & 0xFFFF_FFFFL);
    }

    Optional<FileRef> resolve(SimClient client, int fileId) {
        int channelIndex = (fileId >>> 23) - 1;
        if (channelIndex < 0 || channelIndex >= sim.channels().size()) {
            return Optional.empty();
        }
        ChannelModel c = sim.channels().get(channelIndex);
        long source = (fileId >>> 1) & ChannelModel.MAX_MESSAGE_ID;
        int slot = fileId & 1;
        return c.message(source, Math.max(1, client.run())).flatMap(m -> {
            if (!(m.kind() instanceof ChannelModel.Media media) || media.sourceId() != source) {
                return Optional.empty();
            }
            if (slot == 1 && !media.type().equals("photo")) {
                return Optional.empty();
            }
            long size = slot == 1 ? ChannelModel.thumbnailSize(media.size()) : media.size();
            return Optional.of(new FileRef(c, source, slot, fileId, c.uniqueId(source, slot), c.remoteId(source, slot), size,
                    media.type(), slot == 1 ? Optional.empty() : media.name(), extension(media)));
        });
    }

    private static String extension(ChannelModel.Media media) {
        return switch (media.type()) {
            case "photo" -> "jpg";
            case "video", "video_note", "animation" -> "mp4";
            case "audio" -> "mp3";
            case "voice" -> "oga";
            case "sticker" -> "webp";
            default -> "dat";
        };
    }

    Path finalPath(SimClient client, FileRef ref) {
        return client.filesDirectory().resolve(SimClient.folder(ref.type(), ref.slot()))
                .resolve(SimClient.tdlibName(ref.fileId(), ref.name(), ref.extension()));
    }

    Path tempPath(SimClient client, FileRef ref) {
        return client.filesDirectory().resolve("temp").resolve(ref.uniqueId() + ".part");
    }

    /** The parts of a partial that are written (one index per line, appended as parts finish). */
    private Path readyPath(SimClient client, FileRef ref) {
        return client.filesDirectory().resolve("temp").resolve(ref.uniqueId() + ".ready");
    }

    private BitSet readyParts(SimClient client, FileRef ref) {
        BitSet ready = new BitSet();
        try {
            Path temp = tempPath(client, ref);
            Path list = readyPath(client, ref);
            if (!Files.isRegularFile(temp) || !Files.isRegularFile(list)) {
                return ready;
            }
            int part = partSize(ref.size());
            long length = Files.size(temp);
            for (String line : Files.readAllLines(list, StandardCharsets.US_ASCII)) {
                if (!line.isBlank()) {
                    int index = Integer.parseInt(line.strip());
                    if ((long) index * part < length) {
                        ready.set(index);
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            return new BitSet(); // a damaged list: start over, as TDLib does with a bad partial
        }
        return ready;
    }

    private TdObjects.Local local(SimClient client, FileRef ref) {
        Download d = active.get(key(client, ref.fileId()));
        if (d != null) {
            String path = d.readyBytes > 0 ? tempPath(client, ref).toString() : "";
            return new TdObjects.Local(path, d.readyBytes > 0, true, false, d.prefix(), d.readyBytes);
        }
        if (client.filesDirectory() == null) {
            return TdObjects.Local.NONE;
        }
        try {
            Path done = finalPath(client, ref);
            if (Files.isRegularFile(done) && Files.size(done) == ref.size()) {
                return new TdObjects.Local(done.toString(), true, false, true, ref.size(), ref.size());
            }
            BitSet ready = readyParts(client, ref);
            if (!ready.isEmpty()) {
                Download probe = new Download(client, ref, sim.dc(ref.channel()), null, 1, ready);
                return new TdObjects.Local(tempPath(client, ref).toString(), true, false, false, probe.prefix(),
                        probe.readyBytes);
            }
        } catch (IOException e) {
            return TdObjects.Local.NONE;
        }
        return TdObjects.Local.NONE;
    }

    private ObjectNode object(SimClient client, FileRef ref) {
        return TdObjects.file(ref.fileId(), ref.size(), local(client, ref), ref.remoteId(), ref.uniqueId());
    }

    /** The file object for getFile and for messages; empty for an unknown id. */
    Optional<ObjectNode> fileObject(SimClient client, int fileId) {
        return resolve(client, fileId).map(ref -> object(client, ref));
    }

    void download(SimClient client, ObjectNode r, JsonNode extra) {
        int fileId = r.path("file_id").asInt();
        int priority = r.path("priority").asInt();
        boolean synchronous = r.path("synchronous").asBoolean();
        if (priority < 1 || priority > 32) {
            client.answer(extra, TdObjects.error(400, "Priority must be between 1 and 32"));
            return;
        }
        if (r.path("offset").asLong() < 0) {
            client.answer(extra, TdObjects.error(400, "Download offset must be non-negative"));
            return;
        }
        if (r.path("limit").asLong() < 0) {
            client.answer(extra, TdObjects.error(400, "Download limit must be non-negative"));
            return;
        }
        Optional<FileRef> found = resolve(client, fileId);
        if (found.isEmpty()) {
            client.answer(extra, TdObjects.error(400, "File not found"));
            return;
        }
        FileRef ref = found.get();
        if (local(client, ref).completed()) {
            client.answer(extra, object(client, ref));
            return;
        }
        Download existing = active.get(key(client, fileId));
        if (existing != null) {
            if (existing.priority != priority) {
                // TDLib re-queues it (ResourceManager::update_priority): ahead of its equal-priority peers
                existing.priority = priority;
                existing.pool.order.remove(existing);
                existing.pool.add(existing);
                existing.pool.serve();
            }
            if (synchronous) {
                existing.waiters.add(extra);
                client.hold(extra);
            } else {
                client.answer(extra, object(client, ref));
            }
            return;
        }
        DataCentre dc = sim.dc(ref.channel());
        boolean small = ref.size() < SMALL_FILE;
        long limit = IN_FLIGHT * (sim.scenario().account().premium() ? 8 : 1);
        Pool pool = pools.computeIfAbsent(client.id() + "/" + dc.id() + "/" + small, k -> new Pool(limit));
        Download d = new Download(client, ref, dc, pool, priority, readyParts(client, ref));
        int attempt = attempts.merge(ref.uniqueId(), 1, Integer::sum);
        Scenario.Faults faults = sim.faults(ref.channel());
        d.stalled = sim.faultDraw(ref.uniqueId(), attempt, 1) < faults.stallShare();
        if (!d.stalled && sim.faultDraw(ref.uniqueId(), 0, 4) < faults.brokenShare()) {
            d.failAt = Math.max(1, ref.size() / 2); // damaged on Telegram's side: every attempt stops there
        } else if (!d.stalled && sim.faultDraw(ref.uniqueId(), attempt, 2) < faults.failShare()) {
            d.failAt = (long) (sim.faultDraw(ref.uniqueId(), attempt, 3) * (ref.size() - 1));
            if (d.ready.get((int) (d.failAt / d.partSize))) {
                d.failAt = -1; // the fault falls in a part already written: this attempt goes through
            }
        }
        active.put(key(client, fileId), d);
        sim.counters.downloadsStarted.incrementAndGet();
        if (d.stalled) {
            sim.counters.downloadsStalled.incrementAndGet();
        }
        // the download is active before anything is sent: TDLib says so at once
        client.update(TdObjects.updateFile(object(client, ref)));
        if (synchronous) {
            d.waiters.add(extra);
            client.hold(extra);
        } else {
            client.answer(extra, object(client, ref));
        }
        if (!sim.scenario().network().equals("online")) {
            return; // stays active, never moves: there is no network
        }
        pool.add(d);
        pool.serve();
    }

    private void startPart(Download d, int index) {
        Part p = new Part(d, index, d.partLength(index), partSequence++);
        d.inFlight.add(p);
        d.pool.used += d.partSize;
        long now = sim.loop.now();
        long sendAt = now;
        if (d.dispatched) {
            sendAt = Math.max(now, d.nextSendAt);
            d.nextSendAt = sendAt + (long) (d.nextDelay * 1e9);
            d.nextDelay = Math.max(d.nextDelay * 0.8, MIN_DISPATCH_DELAY);
        }
        sim.loop.at(sendAt, () -> sendPart(p));
    }

    private void sendPart(Part p) {
        if (p.cancelled) {
            return;
        }
        Download d = p.download;
        sim.counters.partsRequested.incrementAndGet();
        p.query = NetQuery.send(sim, d.dc, now -> admitPart(d, p, now), () -> {
            if (d.stalled) {
                return; // a hung connection: the part never comes back, and holds its place in flight
            }
            double jitter = 0.8 + 0.4 * sim.faultDraw(d.ref.uniqueId(), (int) p.seq, 5);
            sim.loop.after(Duration.ofNanos((long) (d.dc.latency().toNanos() * jitter)), () -> flow(p));
        }, wait -> fail(d, TdObjects.error(400, "Too Many Requests: retry after " + wait)),
                () -> speedLimited(d.client));
    }

    /** The server's answer to a part: served, a flood wait of the part budget, or the speed limit. */
    private int admitPart(Download d, Part p, long now) {
        int wait = d.dc.parts().admit(now);
        if (wait > 0) {
            return wait;
        }
        Scenario.SpeedLimit limit = sim.scenario().limits().speedLimit();
        int draw = (int) p.seq * 64 + p.attempts++; // each resend of a part is a new draw
        if (!sim.scenario().account().premium() && sim.speedLimited(now)
                && sim.faultDraw(d.ref.uniqueId(), draw, 6) < limit.share()) {
            double span = limit.waitMax().toNanos() - limit.waitMin().toNanos();
            long nanos = limit.waitMin().toNanos() + (long) (sim.faultDraw(d.ref.uniqueId(), draw, 7) * span);
            sim.counters.premiumWaits.incrementAndGet();
            return -FloodBucket.seconds(nanos);
        }
        return 0;
    }

    private void speedLimited(SimClient client) {
        long now = sim.loop.now();
        Long last = speedNotified.get(client);
        if (last == null || now - last >= SPEED_LIMIT_NOTIFY_PERIOD.toNanos()) {
            speedNotified.put(client, now);
            client.update(TdObjects.object("updateSpeedLimitNotification").put("is_upload", false));
        }
    }

    private void flow(Part p) {
        if (p.cancelled) {
            return;
        }
        if (sim.outage()) {
            sim.loop.at(sim.outageEnds(), () -> flow(p)); // the part is sent again once connected
            return;
        }
        links.computeIfAbsent(p.download.dc, Link::new).add(p);
    }

    private void partDone(Part p) {
        Download d = p.download;
        if (p.cancelled || d.ended || !d.inFlight.remove(p)) {
            return;
        }
        d.pool.used -= d.partSize;
        long offset = (long) p.index * d.partSize;
        if (d.failAt >= offset && d.failAt < offset + p.length) {
            fail(d, null); // the fault sits in this part: the download stops without it, and without a reason
            return;
        }
        if (!write(d, p)) {
            fail(d, null);
            return;
        }
        d.ready.set(p.index);
        d.readyBytes += p.length;
        sim.counters.bytesServed.addAndGet(p.length);
        sim.served(p.length);
        if (d.ready.cardinality() >= d.partCount) {
            complete(d);
        } else {
            d.client.update(TdObjects.updateFile(object(d.client, d.ref)));
        }
        d.pool.serve();
    }

    private boolean write(Download d, Part p) {
        try {
            if (d.channel == null) {
                Path temp = tempPath(d.client, d.ref);
                Files.createDirectories(temp.getParent());
                d.channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            }
            long offset = (long) p.index * d.partSize;
            byte[] chunk = new byte[(int) p.length];
            SimFiles.fill(d.ref.uniqueId(), offset, chunk, 0, chunk.length);
            ByteBuffer buffer = ByteBuffer.wrap(chunk);
            while (buffer.hasRemaining()) {
                d.channel.write(buffer, offset + buffer.position());
            }
            Files.writeString(readyPath(d.client, d.ref), p.index + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return true;
        } catch (IOException e) {
            LOG.warn("simulated download cannot write {}: {}", d.ref.uniqueId(), e.toString());
            return false;
        }
    }

    private void complete(Download d) {
        stop(d);
        try {
            Path temp = tempPath(d.client, d.ref);
            Path target = finalPath(d.client, d.ref);
            Files.createDirectories(target.getParent());
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(readyPath(d.client, d.ref));
        } catch (IOException e) {
            LOG.warn("simulated download cannot finish {}: {}", d.ref.uniqueId(), e.toString());
            fail(d, null);
            return;
        }
        sim.counters.downloadsCompleted.incrementAndGet();
        ObjectNode file = object(d.client, d.ref);
        d.client.update(TdObjects.updateFile(file));
        answerWaiters(d, file);
    }

    /** Stops a download without a reason, as TDLib does: not active, not completed. */
    private void fail(Download d, ObjectNode error) {
        if (d.ended) {
            return;
        }
        stop(d);
        sim.counters.downloadsFailed.incrementAndGet();
        d.client.update(TdObjects.updateFile(object(d.client, d.ref)));
        answerWaiters(d, error != null ? error : TdObjects.error(400, "File download has failed or was canceled"));
        d.pool.serve();
    }

    private void answerWaiters(Download d, ObjectNode result) {
        for (JsonNode waiter : d.waiters) {
            d.client.answer(waiter, result.deepCopy());
        }
        d.waiters.clear();
    }

    /** Takes a download out of every set, cancels its parts and closes its file; what was written stays. */
    private void stop(Download d) {
        d.ended = true;
        active.remove(key(d.client, d.ref.fileId()), d);
        List<Part> parts = List.copyOf(d.inFlight);
        d.inFlight.clear();
        if (d.pool != null) {
            d.pool.order.remove(d);
            d.pool.used -= (long) parts.size() * d.partSize;
        }
        Link link = links.get(d.dc);
        for (Part p : parts) {
            p.cancelled = true;
            if (p.query != null) {
                p.query.cancel();
            }
            if (link != null) {
                link.remove(p);
            }
        }
        if (d.channel != null) {
            try {
                d.channel.close();
            } catch (IOException e) {
                // the partial is what was written; nothing to save
            }
            d.channel = null;
        }
    }

    void cancel(SimClient client, int fileId, boolean onlyIfPending) {
        Download d = active.get(key(client, fileId));
        if (d == null || onlyIfPending && d.readyBytes > 0) {
            return;
        }
        stop(d);
        client.update(TdObjects.updateFile(object(client, d.ref)));
        answerWaiters(d, TdObjects.error(400, "File download has failed or was canceled"));
        d.pool.serve();
    }

    ObjectNode delete(SimClient client, int fileId) {
        Optional<FileRef> ref = resolve(client, fileId);
        if (ref.isEmpty()) {
            return TdObjects.error(400, "File not found");
        }
        Download d = active.get(key(client, fileId));
        if (d != null) {
            stop(d);
            answerWaiters(d, TdObjects.error(400, "File download has failed or was canceled"));
            d.pool.serve();
        }
        try {
            Files.deleteIfExists(finalPath(client, ref.get()));
            Files.deleteIfExists(tempPath(client, ref.get()));
            Files.deleteIfExists(readyPath(client, ref.get()));
        } catch (IOException e) {
            return TdObjects.error(400, "Can't delete file: " + e.getMessage());
        }
        client.update(TdObjects.updateFile(object(client, ref.get())));
        return TdObjects.ok();
    }

    /** A closing client's downloads stop where they are (their partials stay for the next client). */
    void closeClient(SimClient client) {
        for (Download d : List.copyOf(active.values())) {
            if (d.client == client) {
                stop(d);
            }
        }
        pools.keySet().removeIf(k -> k.startsWith(client.id() + "/"));
        speedNotified.remove(client);
    }

    /** The connection went down: parts keep what they have and make no progress until it is back. */
    void pause() {
        links.values().forEach(Link::advance);
        paused = true;
        links.values().forEach(l -> l.generation++);
    }

    /** The connection is back. */
    void resume() {
        paused = false;
        for (Link link : links.values()) {
            link.last = sim.loop.now();
            link.reschedule();
        }
    }

    void closeAll() {
        for (Download d : List.copyOf(active.values())) {
            if (d.channel != null) {
                try {
                    d.channel.close();
                } catch (IOException e) {
                    // closing down
                }
            }
        }
    }
}
