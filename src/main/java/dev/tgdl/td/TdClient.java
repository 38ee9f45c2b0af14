package dev.tgdl.td;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tgdl.time.TimeSource;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * One TDLib client: sends requests, correlates answers by {@code @extra}, hands updates to listeners.
 *
 * <p>Every request gets its own {@link CompletableFuture}; TDLib's {@code error} objects complete it
 * exceptionally with a {@link TdException} ({@link FloodWaitException} for a 429 carrying X). After
 * {@link #close()} no request hangs: TDLib answers pending ones with {@code 500 Request aborted},
 * and whatever it has not answered when it reports {@code authorizationStateClosed} (or when the
 * close times out) is failed the same way.
 *
 * <p>Futures complete on the receive thread. Use {@link #call} from the calling thread (a virtual
 * thread, typically) so that parsing the answer does not slow the receive loop.
 */
public final class TdClient implements AutoCloseable {

    /** The update classes delivered to listeners; others are dropped without being parsed. */
    private static final Set<String> LISTENED = Set.of("updateAuthorizationState", "updateFile",
            "updateConnectionState", "updateSpeedLimitNotification", "updateOption", "updateMessageSendSucceeded",
            "updateMessageSendFailed", "updateNewMessage", "updateMessageContent");

    /** Time a close waits for TDLib's authorizationStateClosed before giving up on it. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

    private final TdRuntime runtime;
    private final int id;
    private final AtomicLong nextExtra = new AtomicLong(1);
    private final Map<Long, CompletableFuture<ObjectNode>> pending = new ConcurrentHashMap<>();
    private final List<TdUpdateListener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile TdApi.AuthorizationState authorizationState;
    private volatile boolean closing;

    TdClient(TdRuntime runtime, int id) {
        this.runtime = runtime;
        this.id = id;
    }

    /** TDLib's id of this client ({@code @client_id}). */
    public int id() {
        return id;
    }

    /** Adds a listener for this client's updates (see {@link TdUpdateListener} for its duties). */
    public void addUpdateListener(TdUpdateListener listener) {
        listeners.add(listener);
    }

    public void removeUpdateListener(TdUpdateListener listener) {
        listeners.remove(listener);
    }

    /** Sends a raw request object; {@code @extra} is added here. The answer is the raw result object. */
    public CompletableFuture<ObjectNode> sendRaw(ObjectNode request) {
        CompletableFuture<ObjectNode> future = new CompletableFuture<>();
        if (closed.isDone()) {
            future.completeExceptionally(TdException.requestAborted());
            return future;
        }
        long extra = nextExtra.getAndIncrement();
        pending.put(extra, future);
        ObjectNode withExtra = request.deepCopy();
        withExtra.put("@extra", extra);
        try {
            runtime.json().send(id, TdCodec.write(withExtra));
        } catch (RuntimeException e) {
            pending.remove(extra);
            future.completeExceptionally(e);
        }
        // a close that raced with this send: nobody will answer
        if (closed.isDone() && pending.remove(extra) != null) {
            future.completeExceptionally(TdException.requestAborted());
        }
        return future;
    }

    /**
     * Sends a request given as JSON text. Text that is not a JSON object is never sent (TDLib could
     * not attach {@code @extra} to its error, so the answer would be lost): the future fails at once
     * with the error TDLib itself gives for that text, obtained through td_execute.
     */
    public CompletableFuture<ObjectNode> sendJson(String request) {
        ObjectNode object;
        try {
            JsonNode node = TdCodec.mapper().readTree(request);
            object = node instanceof ObjectNode o ? o : null;
        } catch (IOException | RuntimeException e) {
            object = null;
        }
        if (object != null) {
            return sendRaw(object);
        }
        ObjectNode error = TdCodec.parse(runtime.json().execute(request));
        return CompletableFuture.failedFuture(TdException.of(error.path("code").asInt(400), error.path("message").asText()));
    }

    /** Sends a function; the future completes with its typed result. */
    public <R> CompletableFuture<R> send(TdApi.Function<R> function) {
        return sendRaw(TdCodec.toJson(function)).thenApply(node -> TdCodec.read(node, function.resultType()));
    }

    /**
     * Sends a function and waits for its result on the calling thread.
     *
     * @throws TdException          TDLib's error, or {@code 500 Request aborted} when the client closed
     * @throws InterruptedException if the calling thread is interrupted (the request stays sent)
     */
    public <R> R call(TdApi.Function<R> function) throws InterruptedException {
        try {
            return TdCodec.read(clock().await(sendRaw(TdCodec.toJson(function))), function.resultType());
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /** The clock of the backend: waits for answers pass in its time. */
    public TimeSource clock() {
        return runtime.clock();
    }

    private static RuntimeException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof CancellationException) {
            return TdException.requestAborted();
        }
        if (cause instanceof RuntimeException r) {
            return r;
        }
        return new TdException(500, String.valueOf(cause));
    }

    /** The last authorization state TDLib reported, if any yet. */
    public Optional<TdApi.AuthorizationState> authorizationState() {
        return Optional.ofNullable(authorizationState);
    }

    /**
     * Waits until the authorization state satisfies {@code condition} and returns that state.
     *
     * @throws TimeoutException if it does not within {@code timeout} (of the backend's clock)
     */
    public TdApi.AuthorizationState awaitAuthorizationState(Predicate<TdApi.AuthorizationState> condition,
                                                            Duration timeout)
            throws InterruptedException, TimeoutException {
        CompletableFuture<TdApi.AuthorizationState> reached = new CompletableFuture<>();
        TdUpdateListener listener = update -> {
            if (update instanceof TdApi.UpdateAuthorizationState(TdApi.AuthorizationState state) && condition.test(state)) {
                reached.complete(state);
            }
        };
        addUpdateListener(listener);
        try {
            TdApi.AuthorizationState current = authorizationState;
            if (current != null && condition.test(current)) {
                return current;
            }
            if (closed.isDone()) {
                throw TdException.requestAborted();
            }
            closed.whenComplete((v, t) -> reached.completeExceptionally(TdException.requestAborted()));
            try {
                return clock().await(reached, timeout);
            } catch (ExecutionException e) {
                throw unwrap(e);
            }
        } finally {
            removeUpdateListener(listener);
        }
    }

    /** Whether this client has closed (TDLib reported authorizationStateClosed, or the close gave up). */
    public boolean isClosed() {
        return closed.isDone();
    }

    /** Requests currently waiting for an answer. */
    public int pendingRequests() {
        return pending.size();
    }

    /**
     * Closes the client: sends {@code close}, waits for {@code authorizationStateClosed}, then fails
     * whatever is still pending with {@code 500 Request aborted}. Idempotent.
     */
    @Override
    public void close() {
        if (closed.isDone()) {
            return;
        }
        if (!closing) {
            closing = true;
            ObjectNode request = TdCodec.toJson(new TdFunctions.Close());
            sendRaw(request);
        }
        boolean interrupted = false;
        try {
            clock().await(closed, CLOSE_TIMEOUT);
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (ExecutionException | TimeoutException e) {
            // fall through: give up on TDLib and release everything below
        }
        markClosed();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fails everything at once (the receive loop broke). */
    void abandon(TdException reason) {
        failPending(reason);
    }

    void dispatch(ObjectNode node) {
        JsonNode extra = node.get("@extra");
        if (extra != null) {
            CompletableFuture<ObjectNode> future = pending.remove(extra.asLong());
            if (future == null) {
                return;
            }
            if ("error".equals(node.path("@type").asText())) {
                future.completeExceptionally(TdException.of(node.path("code").asInt(), node.path("message").asText()));
            } else {
                future.complete(node);
            }
            return;
        }
        String type = node.path("@type").asText();
        if (!LISTENED.contains(type)) {
            return;
        }
        TdApi.Update update = TdCodec.read(node, TdApi.Update.class);
        if (update instanceof TdApi.UpdateAuthorizationState(TdApi.AuthorizationState state)) {
            authorizationState = state;
        }
        for (TdUpdateListener listener : listeners) {
            listener.onUpdate(update);
        }
        if (update instanceof TdApi.UpdateAuthorizationState(TdApi.AuthorizationStateClosed ignored)) {
            markClosed();
        }
    }

    private void markClosed() {
        if (closed.complete(null)) {
            failPending(TdException.requestAborted());
            runtime.detach(this);
        }
    }

    private void failPending(TdException reason) {
        for (Long extra : List.copyOf(pending.keySet())) {
            CompletableFuture<ObjectNode> future = pending.remove(extra);
            if (future != null) {
                future.completeExceptionally(reason);
            }
        }
    }

    @Override
    public String toString() {
        return "TdClient[" + id + "]";
    }
}
