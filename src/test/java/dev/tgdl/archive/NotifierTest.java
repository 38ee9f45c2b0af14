package dev.tgdl.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgdl.sim.Scenario;
import dev.tgdl.sim.SentMessage;
import dev.tgdl.sim.SimulatedTdlib;
import dev.tgdl.telegram.TdSession;
import dev.tgdl.telegram.TdTelegram;
import dev.tgdl.time.TimeSource;
import dev.tgdl.time.VirtualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The flood-safe sender against the simulator, which limits sendMessage per chat and overall. */
class NotifierTest {

    @RegisterExtension
    final VirtualTime time = new VirtualTime();

    @TempDir
    Path dir;

    @Test
    void burstOfTwentyToOneChat_keepsToOnePerSecondAfterTheBurst_andMeetsNoFloodWait() throws Exception {
        TimeSource clock = time.clock();
        SimulatedTdlib sim = SimulatedTdlib.create(Scenario.builtin().withTimeScale(50), clock);
        try (TdSession session = TdSession.open(new TdSession.Options(sim, dir.resolve("db"), dir.resolve("files"),
                dir.resolve("td.log"), 1, 1, "x", Optional.empty(), "0.1.0", clock, Duration.ofSeconds(20)))) {
            TdTelegram telegram = session.telegram();
            Notifier notifier = new Notifier(telegram, clock, new SplittableRandom(1),
                    new Notifier.Settings(1.0, 5, 25, 3, Duration.ofMinutes(2)));
            long me = telegram.savedMessagesChatId();
            for (int i = 0; i < 20; i++) {
                assertThat(notifier.send(me, "summary " + i)).isTrue();
            }
        }
        List<SentMessage> sent = sim.sentMessages();
        sim.close();
        assertThat(sent).hasSize(20).allMatch(m -> m.chatId() == 777000001L);
        assertThat(sent).extracting(SentMessage::text).containsExactly(
                IntStream.range(0, 20).mapToObj(i -> "summary " + i).toArray(String[]::new));
        for (int k = 5; k < 20; k++) {
            Duration since = Duration.between(sent.getFirst().at(), sent.get(k).at());
            // at most the burst of 5 at once, then at most one a second
            assertThat(since).as("message %d", k).isGreaterThanOrEqualTo(Duration.ofMillis((k - 4) * 1000L));
        }
        assertThat(sim.stats().tooManyRequests()).isZero();
        assertThat(sim.stats().floodWaitsIssued()).isZero();
    }
}
