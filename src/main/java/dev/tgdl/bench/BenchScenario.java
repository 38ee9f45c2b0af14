package dev.tgdl.bench;

import dev.tgdl.sim.Scenario;
import dev.tgdl.sim.SimChannel;
import dev.tgdl.sim.SimMedia;
import java.util.List;

/**
 * A benchmark scenario: a simulated Telegram, the channel to download, and the time scale to run at.
 *
 * @param name      as reported
 * @param scenario  the simulated Telegram
 * @param channel   the channel's username
 * @param timeScale simulated seconds per real second
 */
public record BenchScenario(String name, Scenario scenario, String channel, double timeScale) {

    /** The built-in set: demo, strict, bursty, flaky, large. */
    public static List<BenchScenario> builtin() {
        Scenario builtin = Scenario.builtin();
        return List.of(
                new BenchScenario("demo", builtin, "demo", 20),
                new BenchScenario("strict", builtin, "strict", 120),
                new BenchScenario("bursty", Scenario.bundled("bursty"), "bursty", 80),
                new BenchScenario("flaky", builtin, "flaky", 60),
                new BenchScenario("large", Scenario.bundled("large"), "large", 40));
    }

    /** A scenario by name (demo, strict, bursty, flaky, large, big), or the first channel of a YAML file. */
    public static BenchScenario named(String name) {
        for (BenchScenario s : builtin()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        if (name.equals("big")) {
            return new BenchScenario("big", Scenario.builtin(), "big", 20);
        }
        Scenario file = Scenario.load(java.nio.file.Path.of(name));
        if (file.channels().isEmpty()) {
            throw new IllegalArgumentException("scenario " + name + " has no channels");
        }
        return new BenchScenario(file.name(), file, file.channels().getFirst().username(), file.timeScale());
    }

    /** The model of the channel downloaded. */
    public SimChannel model(long seed) {
        return scenario.withSeed(seed).channel(channel)
                .orElseThrow(() -> new IllegalArgumentException("scenario " + name + " has no channel @" + channel));
    }

    /** The limits of the data centre the channel lives on. */
    public Scenario.Limits limits() {
        return scenario.channels().stream().filter(c -> c.username().equals(channel)).findFirst()
                .flatMap(Scenario.ChannelSpec::limits).orElse(scenario.limits());
    }

    /**
     * The work of downloading the whole channel: files, bytes, parts (TDLib's part sizes), and history
     * loads (TDLib loads 50 messages per server request).
     */
    public Work work(long seed) {
        SimChannel model = model(seed);
        List<SimMedia> media = model.media(1).toList();
        long bytes = media.stream().mapToLong(SimMedia::size).sum();
        long parts = media.stream().mapToLong(m -> SimChannel.parts(m.size())).sum();
        long loads = model.messageCount(1) / 50 + 1;
        return new Work(media.size(), bytes, parts, loads);
    }

    /**
     * What a full download of the channel needs.
     *
     * @param files        files
     * @param bytes        bytes
     * @param parts        file parts
     * @param historyLoads history requests that reach the server
     */
    public record Work(long files, long bytes, long parts, long historyLoads) {
    }
}
