package dev.tgdl.sim;

import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * New posts arriving while clients run: each channel with {@code post_every} gets one more message
 * every so often of simulated time, and every client that has the chat open hears of it as TDLib
 * tells its application, with {@code updateNewMessage} (MessagesManager::send_update_new_message in
 * td/telegram/MessagesManager.cpp, for the updateNewChannelMessage the server pushes,
 * td/telegram/UpdatesManager.cpp). A text post that gains a photo ({@code edit_every}) is announced
 * as TDLib does an edit that changes the content: {@code updateMessageContent}, then
 * {@code updateMessageEdited} (MessagesManager::on_message_edited → send_update_message_content and
 * send_update_message_edited). Runs on the event loop, like everything in the simulator.
 */
final class LiveFeed {

    private final SimulatedTdlib sim;
    /** Channels whose post timer is running (event loop only). */
    private final Set<Integer> running = new HashSet<>();

    LiveFeed(SimulatedTdlib sim) {
        this.sim = sim;
    }

    /** A client started: the channels with live posts start posting, unless they already are. */
    void clientStarted() {
        for (ChannelModel c : sim.channels()) {
            if (c.spec().postEvery().toNanos() > 0 && running.add(c.index())) {
                schedule(c);
            }
        }
    }

    private void schedule(ChannelModel c) {
        sim.loop.after(c.spec().postEvery(), () -> post(c));
    }

    /** One post, made while a logged-in client runs; the timer stops when no client is left. */
    private void post(ChannelModel c) {
        var clients = sim.openClients();
        if (clients.isEmpty()) {
            running.remove(c.index());
            return;
        }
        var ready = clients.stream().filter(SimClient::ready).toList();
        if (!ready.isEmpty()) {
            OptionalLong id = c.post(ready.getFirst().run());
            if (id.isEmpty()) {
                running.remove(c.index()); // post_count reached: this channel is done posting
                return;
            }
            ready.forEach(client -> client.livePost(c, id.getAsLong()));
        }
        schedule(c);
    }
}
