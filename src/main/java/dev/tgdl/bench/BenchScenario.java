package dev.tgdl.bench;

import dev.tgdl.sim.Scenario;
import dev.tgdl.sim.ScenarioException;
import dev.tgdl.sim.SimChannel;
import dev.tgdl.sim.SimMedia;
import java.nio.file.Path;
import java.util.List;

/**
 * A benchmark scenario: a simulated Telegram, as {@code --simulate} names it, and the channel to download.
 *
 * @param name     as reported
 * @param simulate the value of {@code --simulate=}: empty for the built-in scenario, a bundled name, or a file
 * @param scenario the simulated Telegram
 * @param channel  the channel's username
 */
public record BenchScenario(String name, String simulate, Scenario scenario, String channel) {

    /** The built-in set: demo, strict, bursty, flaky, large, throttled. */
    public static List<BenchScenario> builtin() {
        Scenario builtin = Scenario.builtin();
        return List.of(
                new BenchScenario("demo", "", builtin, "demo"),
                new BenchScenario("strict", "", builtin, "strict"),
                new BenchScenario("bursty", "bursty", Scenario.bundled("bursty"), "bursty"),
                new BenchScenario("flaky", "", builtin, "flaky"),
                new BenchScenario("large", "large", Scenario.bundled("large"), "large"),
                new BenchScenario("throttled", "throttled", Scenario.bundled("throttled"), "throttled"));
    }

    /** A scenario by name (those of {@link #builtin()}, big), or the first channel of a YAML file. */
    public static BenchScenario named(String name) {
        for (BenchScenario s : builtin()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        if (name.equals("big")) {
            return new BenchScenario("big", "", Scenario.builtin(), "big");
        }
        Path file = Path.of(name).toAbsolutePath().normalize();
        Scenario scenario;
        try {
            scenario = Scenario.load(file);
        } catch (ScenarioException e) {
            // a mistyped name is a usage mistake: say what the accepted names are
            throw new IllegalArgumentException("--scenario " + name + ": " + e.getMessage() + "; give one of "
                    + String.join(", ", builtin().stream().map(BenchScenario::name).toList())
                    + ", big, or a scenario YAML file (docs/scenarios.md)", e);
        }
        if (scenario.channels().isEmpty()) {
            throw new IllegalArgumentException("scenario " + name + " has no channels");
        }
        return new BenchScenario(scenario.name(), file.toString(), scenario, scenario.channels().getFirst().username());
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
