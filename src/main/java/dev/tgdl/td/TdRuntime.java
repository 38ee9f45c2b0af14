package dev.tgdl.td;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tgdl.time.TimeSource;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one receive loop of a {@link TdJson}: td_receive serves every client of the process from one
 * queue and must never be called from two threads, so there is exactly one runtime per backend,
 * got through {@link #of(TdJson)}. Its thread runs while at least one client is open and ends when
 * the last one has closed: no thread outlives the clients.
 */
public final class TdRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(TdRuntime.class);
    private static final Map<TdJson, TdRuntime> RUNTIMES = new IdentityHashMap<>();

    /** Seconds (of the backend's clock) a receive call may block; bounds how long the loop takes to notice it may stop. */
    private static final double RECEIVE_TIMEOUT_SECONDS = 0.2;

    private final TdJson json;
    private final Map<Integer, TdClient> clients = new ConcurrentHashMap<>();
    private Thread receiver; // guarded by this

    private TdRuntime(TdJson json) {
        this.json = json;
    }

    /** The runtime of {@code json}, created on first use. */
    public static TdRuntime of(TdJson json) {
        synchronized (RUNTIMES) {
            return RUNTIMES.computeIfAbsent(json, TdRuntime::new);
        }
    }

    /** The clock of the backend (see {@link TdJson#clock()}). */
    public TimeSource clock() {
        return json.clock();
    }

    /** The backend this runtime reads from. */
    public TdJson json() {
        return json;
    }

    /**
     * Creates a client. Like libtdjson's, it does nothing until its first request; send one
     * (for example {@code getOption version}) to receive its start-up updates.
     */
    public TdClient newClient() {
        synchronized (this) {
            int id = json.createClientId();
            TdClient client = new TdClient(this, id);
            clients.put(id, client);
            if (receiver == null) {
                // the backend's clock: a simulator's virtual time waits while this thread hands out answers
                receiver = json.clock().startThread("td-receive", false, this::receiveLoop);
            }
            return client;
        }
    }

    /**
     * Runs a synchronous request with td_execute.
     *
     * @throws TdException if TDLib answers with an error
     */
    public <R> R execute(TdApi.Function<R> function) {
        ObjectNode answer = TdCodec.parse(json.execute(TdCodec.write(TdCodec.toJson(function))));
        if ("error".equals(answer.path("@type").asText())) {
            throw TdException.of(answer.path("code").asInt(), answer.path("message").asText());
        }
        return TdCodec.read(answer, function.resultType());
    }

    void detach(TdClient client) {
        clients.remove(client.id(), client);
    }

    private void receiveLoop() {
        while (true) {
            synchronized (this) {
                if (clients.isEmpty()) {
                    receiver = null;
                    return;
                }
            }
            Optional<String> received;
            try {
                received = json.receive(RECEIVE_TIMEOUT_SECONDS);
            } catch (RuntimeException e) {
                LOG.error("td_receive failed; failing every open client", e);
                clients.values().forEach(c -> c.abandon(new TdException(500, "td_receive failed: " + e.getMessage())));
                continue;
            }
            received.ifPresent(this::dispatch);
        }
    }

    private void dispatch(String document) {
        ObjectNode node;
        try {
            node = TdCodec.parse(document);
        } catch (TdException e) {
            LOG.warn("ignoring a document from TDLib: {}", e.tdMessage());
            return;
        }
        JsonNode clientId = node.get("@client_id");
        TdClient client = clientId == null ? null : clients.get(clientId.asInt());
        if (client == null) {
            LOG.debug("ignoring a document for client {}: {}", clientId, node.path("@type").asText());
            return;
        }
        try {
            client.dispatch(node);
        } catch (RuntimeException e) {
            // a faulty listener must not stop the loop that every other request depends on
            LOG.error("handling {} failed", node.path("@type").asText(), e);
        }
    }
}
