package dev.tgdl.testing;

import dev.tgdl.td.TdJson;
import dev.tgdl.time.TimeSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TdJson that keeps every document sent and received, for tests that check the wire. */
public final class RecordingTdJson implements TdJson {

    private final TdJson delegate;
    public final List<String> sent = new CopyOnWriteArrayList<>();
    public final List<String> received = new CopyOnWriteArrayList<>();

    public RecordingTdJson(TdJson delegate) {
        this.delegate = delegate;
    }

    @Override
    public int createClientId() {
        return delegate.createClientId();
    }

    @Override
    public void send(int clientId, String request) {
        sent.add(request);
        delegate.send(clientId, request);
    }

    @Override
    public Optional<String> receive(double timeoutSeconds) {
        Optional<String> doc = delegate.receive(timeoutSeconds);
        doc.ifPresent(received::add);
        return doc;
    }

    @Override
    public TimeSource clock() {
        return delegate.clock();
    }

    @Override
    public String execute(String request) {
        sent.add(request);
        String result = delegate.execute(request);
        received.add(result);
        return result;
    }
}
