package dev.tgdl.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgdl.telegram.ChatEvent;
import dev.tgdl.time.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How the watch folds TDLib's events into work, and how it waits for them on the clock. */
class WatchQueueTest {

    private static final long NEWS = -1001000000001L;
    private static final long CLIPS = -1001000000002L;

    @RegisterExtension
    final VirtualTime time = new VirtualTime();

    private WatchQueue<String> queue() {
        return new WatchQueue<>(time.clock(), Map.of(NEWS, Set.of("news"), CLIPS, Set.of("clips", "all")),
                new LinkedHashSet<>(List.of("news", "clips", "all")));
    }

    @Test
    void aDuplicatedNewPost_makesOneCatchUpOfTheJobsWatchingItsChat() throws Exception {
        WatchQueue<String> queue = queue();
        queue.add(new ChatEvent.NewPost(CLIPS, 41));
        queue.add(new ChatEvent.NewPost(CLIPS, 41));

        WatchQueue.Work<String> work = queue.take(Duration.ofMinutes(1), () -> false);

        assertThat(work.catchUp()).containsExactlyInAnyOrder("clips", "all");
        assertThat(work.edits()).isEmpty();
        assertThat(work.newPosts()).isEqualTo(2);
    }

    @Test
    void aDuplicatedEdit_isFetchedOnce_andEditsOfChatsNotWatchedAreDropped() throws Exception {
        WatchQueue<String> queue = queue();
        queue.add(new ChatEvent.MediaAdded(NEWS, 7));
        queue.add(new ChatEvent.MediaAdded(NEWS, 7));
        queue.add(new ChatEvent.MediaAdded(-1009999999999L, 3));

        WatchQueue.Work<String> work = queue.take(Duration.ofMinutes(1), () -> false);

        assertThat(work.edits()).containsExactly(new ChatEvent.MediaAdded(NEWS, 7));
        assertThat(work.catchUp()).isEmpty();
        assertThat(work.mediaEdits()).isEqualTo(3);
    }

    @Test
    void aReconnect_catchesUpOnEveryJob() throws Exception {
        WatchQueue<String> queue = queue();
        queue.add(new ChatEvent.Reconnected());

        WatchQueue.Work<String> work = queue.take(Duration.ofMinutes(1), () -> false);

        assertThat(work.catchUp()).containsExactly("news", "clips", "all");
        assertThat(work.reconnects()).isEqualTo(1);
    }

    @Test
    void take_waitsOnTheClockUntilAnEventArrives() throws Exception {
        WatchQueue<String> queue = queue();
        Instant start = time.clock().now();
        time.clock().startThread("tdlib-receive", true, () -> {
            try {
                time.clock().sleep(Duration.ofSeconds(40));
            } catch (InterruptedException e) {
                return;
            }
            queue.add(new ChatEvent.NewPost(NEWS, 8));
        });

        WatchQueue.Work<String> work = queue.take(Duration.ofMinutes(30), () -> false);

        assertThat(work.catchUp()).containsExactly("news");
        assertThat(Duration.between(start, time.clock().now())).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void take_givesNothingWhenTheTimeRunsOut_orTheRunStops() throws Exception {
        WatchQueue<String> queue = queue();
        Instant start = time.clock().now();

        WatchQueue.Work<String> quiet = queue.take(Duration.ofMinutes(30), () -> false);

        assertThat(quiet.quiet()).isTrue();
        assertThat(Duration.between(start, time.clock().now())).isEqualTo(Duration.ofMinutes(30));
        AtomicBoolean stopped = new AtomicBoolean(true);
        Instant before = time.clock().now();
        WatchQueue.Work<String> stop = queue.take(Duration.ofHours(5), stopped::get);
        assertThat(stop.quiet()).isTrue();
        assertThat(time.clock().now()).as("a stopped run does not wait").isEqualTo(before);
    }
}
