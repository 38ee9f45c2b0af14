package dev.tgdl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads, as TDLib runs them: real bytes written to {@code <files>/temp/}, renamed into the type
 * folder when complete, progress reported with {@code updateFile}. A data centre's bandwidth is
 * shared equally by its flowing downloads; a download starts after the request latency (plus any
 * flood wait TDLib absorbs) and resumes from the partial a previous client left. Progress is
 * computed from elapsed simulated time, event by event (no fixed ticks), so it stays exact at any
 * time scale.
 */
final class Transfers {

    private static final Logger LOG = LoggerFactory.getLogger(Transfers.class);
    private static final Duration REPORT_EVERY = Duration.ofMillis(250);

    /** A file of a channel, decoded from its id. */
    record FileRef(ChannelModel channel, long sourceId, int slot, int fileId, String uniqueId, String remoteId, long size,
                   String type, Optional<String> name, String extension) {
    }

    private final class Transfer {
        final SimClient client;
        final FileRef ref;
        final DataCentre dc;
        final List<JsonNode> waiters = new ArrayList<>();
        double done;
        long written;
        long failAt = -1;
        boolean stalled;
        boolean flowing;
        boolean reported;
        long lastReport;
        FileChannel channel;

        Transfer(SimClient client, FileRef ref, DataCentre dc, long resumeFrom) {
            this.client = client;
            this.ref = ref;
            this.dc = dc;
            this.done = resumeFrom;
            this.written = resumeFrom;
        }
    }

    private final SimulatedTdlib sim;
    private final Map<Long, Transfer> active = new HashMap<>();
    private final Map<DataCentre, List<Transfer>> flowing = new IdentityHashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private long lastAdvance;
    private long tickGeneration;
    private boolean paused;
    private final long reportNanos;

    Transfers(SimulatedTdlib sim) {
        this.sim = sim;
        this.lastAdvance = sim.origin;
        this.reportNanos = REPORT_EVERY.toNanos();
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
            String ext = extension(media);
            return Optional.of(new FileRef(c, source, slot, fileId, c.uniqueId(source, slot), c.remoteId(source, slot), size,
                    media.type(), slot == 1 ? Optional.empty() : media.name(), ext));
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

    private TdObjects.Local local(SimClient client, FileRef ref) {
        Transfer t = active.get(key(client, ref.fileId()));
        if (t != null) {
            return new TdObjects.Local(tempPath(client, ref).toString(), false, true, false, (long) t.done);
        }
        if (client.filesDirectory() == null) {
            return TdObjects.Local.NONE;
        }
        try {
            Path done = finalPath(client, ref);
            if (Files.isRegularFile(done) && Files.size(done) == ref.size()) {
                return new TdObjects.Local(done.toString(), true, false, true, ref.size());
            }
            Path temp = tempPath(client, ref);
            if (Files.isRegularFile(temp)) {
                return new TdObjects.Local(temp.toString(), true, false, false, Math.min(Files.size(temp), ref.size()));
            }
        } catch (IOException e) {
            return TdObjects.Local.NONE;
        }
        return TdObjects.Local.NONE;
    }

    private ObjectNode object(SimClient client, FileRef ref) {
        return TdObjects.file(ref.fileId(), ref.size(), local(client, ref), ref.remoteId(), ref.uniqueId());
    }

    /** The file object for getFile and for messages. */
    ObjectNode fileObject(SimClient client, int fileId) {
        return resolve(client, fileId).map(ref -> object(client, ref))
                .orElseGet(() -> TdObjects.error(400, "Invalid file identifier"));
    }

    void download(SimClient client, ObjectNode r, JsonNode extra) {
        int fileId = r.path("file_id").asInt();
        int priority = r.path("priority").asInt();
        boolean synchronous = r.path("synchronous").asBoolean();
        if (priority < 1 || priority > 32) {
            client.answer(extra, TdObjects.error(400, "Download priority must be between 1 and 32"));
            return;
        }
        Optional<FileRef> found = resolve(client, fileId);
        if (found.isEmpty()) {
            client.answer(extra, TdObjects.error(400, "Invalid file identifier"));
            return;
        }
        FileRef ref = found.get();
        TdObjects.Local local = local(client, ref);
        if (local.completed()) {
            client.answer(extra, object(client, ref));
            return;
        }
        Transfer existing = active.get(key(client, fileId));
        if (existing != null) {
            if (synchronous) {
                existing.waiters.add(extra);
                client.hold(extra);
            } else {
                client.answer(extra, object(client, ref));
            }
            return;
        }
        Transfer t = new Transfer(client, ref, sim.dc(ref.channel()), local.prefix());
        int attempt = attempts.merge(ref.uniqueId(), 1, Integer::sum);
        Scenario.Faults faults = sim.faults(ref.channel());
        t.stalled = sim.faultDraw(ref.uniqueId(), attempt, 1) < faults.stallShare();
        if (!t.stalled && sim.faultDraw(ref.uniqueId(), 0, 4) < faults.brokenShare()) {
            // a damaged file: every attempt stops at the same byte
            t.failAt = Math.max(1, ref.size() / 2);
        } else if (!t.stalled && sim.faultDraw(ref.uniqueId(), attempt, 2) < faults.failShare() && ref.size() - local.prefix() > 1) {
            t.failAt = local.prefix() + 1 + (long) (sim.faultDraw(ref.uniqueId(), attempt, 3) * (ref.size() - local.prefix() - 2));
        }
        active.put(key(client, fileId), t);
        sim.counters.downloadsStarted.incrementAndGet();
        if (synchronous) {
            t.waiters.add(extra);
        } else {
            client.answer(extra, object(client, ref));
        }
        if (!sim.scenario().network().equals("online")) {
            return; // stays active, never moves: there is no network
        }
        client.admitThen(t.dc, "download", "download",
                () -> sim.loop.after(t.dc.latency(), () -> begin(t)),
                seconds -> sim.loop.after(t.dc.latency(), () -> {
                    // a wait longer than TDLib absorbs: the download stops, and TDLib says nothing of why
                    sim.counters.tooMany.incrementAndGet();
                    fail(t);
                }));
    }

    private void begin(Transfer t) {
        if (active.get(key(t.client, t.ref.fileId())) != t) {
            return; // cancelled meanwhile
        }
        if (t.failAt >= 0 && t.done >= t.failAt) {
            fail(t); // a damaged file whose partial already reaches the damage
            return;
        }
        if (t.stalled) {
            sim.counters.downloadsStalled.incrementAndGet();
            return;
        }
        try {
            Path temp = tempPath(t.client, t.ref);
            Files.createDirectories(temp.getParent());
            t.channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            t.channel.truncate(t.written);
        } catch (IOException e) {
            LOG.warn("simulated download cannot write {}: {}", t.ref.uniqueId(), e.toString());
            fail(t);
            return;
        }
        advance();
        t.flowing = true;
        t.lastReport = sim.loop.now();
        flowing.computeIfAbsent(t.dc, dc -> new ArrayList<>()).add(t);
        tick();
    }

    /** Brings every flowing download to now at the rates that held since the last step. */
    private void advance() {
        long now = sim.loop.now();
        long elapsed = now - lastAdvance;
        lastAdvance = now;
        if (elapsed <= 0 || paused) {
            return;
        }
        for (Map.Entry<DataCentre, List<Transfer>> group : flowing.entrySet()) {
            List<Transfer> list = group.getValue();
            if (list.isEmpty()) {
                continue;
            }
            double rate = group.getKey().bandwidth(now) / (double) list.size();
            for (Transfer t : list) {
                double limit = t.failAt >= 0 ? t.failAt : t.ref.size();
                t.done = Math.min(limit, t.done + rate * elapsed / 1e9);
                write(t, (long) Math.floor(t.done + 1e-6));
            }
        }
    }

    private void write(Transfer t, long upTo) {
        long end = Math.min(upTo, t.ref.size());
        if (end <= t.written || t.channel == null) {
            return;
        }
        try {
            byte[] chunk = new byte[(int) Math.min(256 * 1024, end - t.written)];
            while (t.written < end) {
                int n = (int) Math.min(chunk.length, end - t.written);
                SimFiles.fill(t.ref.uniqueId(), t.written, chunk, 0, n);
                ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
                while (buffer.hasRemaining()) {
                    t.channel.write(buffer, t.written + (n - buffer.remaining()));
                }
                t.written += n;
                sim.counters.bytesServed.addAndGet(n);
            }
        } catch (IOException e) {
            LOG.warn("simulated download cannot write {}: {}", t.ref.uniqueId(), e.toString());
        }
    }

    /** Finishes what is due now and schedules the next moment something happens. */
    private void tick() {
        advance();
        long now = sim.loop.now();
        long next = Long.MAX_VALUE;
        List<Transfer> finished = new ArrayList<>();
        List<Transfer> failed = new ArrayList<>();
        for (Map.Entry<DataCentre, List<Transfer>> group : flowing.entrySet()) {
            List<Transfer> list = group.getValue();
            for (Transfer t : list) {
                if (t.done >= t.ref.size() - 1e-6) {
                    finished.add(t);
                } else if (t.failAt >= 0 && t.done >= t.failAt - 1e-6) {
                    failed.add(t);
                } else if (now - t.lastReport >= reportNanos || !t.reported && t.done >= firstPart(t)) {
                    // TDLib reports each part as it arrives: the first one soon after the download starts
                    t.lastReport = now;
                    t.reported = true;
                    t.client.update(TdObjects.updateFile(object(t.client, t.ref)));
                }
            }
        }
        finished.forEach(this::complete);
        failed.forEach(this::fail);
        if (!paused) {
            for (Map.Entry<DataCentre, List<Transfer>> group : flowing.entrySet()) {
                List<Transfer> list = group.getValue();
                if (list.isEmpty()) {
                    continue;
                }
                double rate = group.getKey().bandwidth(now) / (double) list.size();
                for (Transfer t : list) {
                    double target = t.failAt >= 0 ? t.failAt : t.ref.size();
                    long toEnd = (long) Math.ceil((target - t.done) / rate * 1e9) + 1;
                    next = Math.min(next, now + Math.max(1, toEnd));
                    next = Math.min(next, t.lastReport + reportNanos);
                    if (!t.reported) {
                        long toFirst = (long) Math.ceil((firstPart(t) - t.done) / rate * 1e9) + 1;
                        next = Math.min(next, now + Math.max(1, toFirst));
                    }
                }
            }
        }
        if (next != Long.MAX_VALUE) {
            long generation = ++tickGeneration;
            sim.loop.at(next, () -> {
                if (generation == tickGeneration) {
                    tick();
                }
            });
        }
    }

    /** The first part TDLib requests (64 KiB), or the whole file when smaller. */
    private static double firstPart(Transfer t) {
        return Math.min(t.ref.size(), Math.max(t.written, 0) + FIRST_PART);
    }

    private static final long FIRST_PART = 64 * 1024;

    private void complete(Transfer t) {
        stop(t);
        try {
            Path temp = tempPath(t.client, t.ref);
            Path target = finalPath(t.client, t.ref);
            Files.createDirectories(target.getParent());
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("simulated download cannot finish {}: {}", t.ref.uniqueId(), e.toString());
            fail(t);
            return;
        }
        sim.counters.downloadsCompleted.incrementAndGet();
        ObjectNode file = object(t.client, t.ref);
        t.client.update(TdObjects.updateFile(file));
        answerWaiters(t, file);
    }

    private void fail(Transfer t) {
        stop(t);
        sim.counters.downloadsFailed.incrementAndGet();
        t.client.update(TdObjects.updateFile(object(t.client, t.ref)));
        answerWaiters(t, TdObjects.error(400, "File download has failed or was canceled"));
    }

    private void answerWaiters(Transfer t, ObjectNode result) {
        for (JsonNode waiter : t.waiters) {
            t.client.answer(waiter, result.deepCopy());
        }
        t.waiters.clear();
    }

    /** Takes a transfer out of every set and closes its file; the partial stays. */
    private void stop(Transfer t) {
        advance();
        active.remove(key(t.client, t.ref.fileId()), t);
        if (t.flowing) {
            flowing.getOrDefault(t.dc, List.of()).remove(t);
            t.flowing = false;
        }
        if (t.channel != null) {
            try {
                t.channel.close();
            } catch (IOException e) {
                // the partial is what was written; nothing to save
            }
            t.channel = null;
        }
    }

    void cancel(SimClient client, int fileId) {
        Transfer t = active.get(key(client, fileId));
        if (t == null) {
            return;
        }
        stop(t);
        client.update(TdObjects.updateFile(object(client, t.ref)));
        answerWaiters(t, TdObjects.error(400, "File download has failed or was canceled"));
        tick();
    }

    ObjectNode delete(SimClient client, int fileId) {
        Optional<FileRef> ref = resolve(client, fileId);
        if (ref.isEmpty()) {
            return TdObjects.error(400, "Invalid file identifier");
        }
        Transfer t = active.get(key(client, fileId));
        if (t != null) {
            stop(t);
            answerWaiters(t, TdObjects.error(400, "File download has failed or was canceled"));
        }
        try {
            Files.deleteIfExists(finalPath(client, ref.get()));
            Files.deleteIfExists(tempPath(client, ref.get()));
        } catch (IOException e) {
            return TdObjects.error(400, "Can't delete file: " + e.getMessage());
        }
        client.update(TdObjects.updateFile(object(client, ref.get())));
        return TdObjects.ok();
    }

    /** A closing client's downloads stop where they are (their partials stay for the next client). */
    void closeClient(SimClient client) {
        for (Transfer t : List.copyOf(active.values())) {
            if (t.client == client) {
                stop(t);
            }
        }
    }

    /** The connection went down: downloads keep what they have and make no progress until it is back. */
    void pause() {
        advance();
        paused = true;
        tickGeneration++;
    }

    /** The connection is back. */
    void resume() {
        lastAdvance = sim.loop.now();
        paused = false;
        tick();
    }

    void closeAll() {
        for (Transfer t : List.copyOf(active.values())) {
            if (t.channel != null) {
                try {
                    t.channel.close();
                } catch (IOException e) {
                    // closing down
                }
            }
        }
    }
}
