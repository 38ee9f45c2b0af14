package dev.tgdl.td;

import dev.tgdl.time.TimeSource;
import java.util.Optional;

/**
 * The four C functions of libtdjson ({@code td/telegram/td_json_client.h}) as a Java interface.
 * {@link NativeTdJson} calls the real library; the simulator implements the same contract.
 *
 * <p>Contract, as libtdjson has it: {@link #send} and {@link #execute} may be called from any
 * thread; {@link #receive} never from two threads at once, and it returns responses and updates
 * of <em>every</em> client of the process from one queue, each carrying {@code "@client_id"}.
 * A request's {@code "@extra"} comes back only on that request's response.
 */
public interface TdJson {

    /** Creates a client; it does nothing until its first request. */
    int createClientId();

    /** Sends a request (a JSON object with {@code "@type"}) to a client; answers arrive via {@link #receive}. */
    void send(int clientId, String request);

    /**
     * Waits up to {@code timeoutSeconds} (of {@link #clock()}'s time) for the next response or update of any client.
     *
     * @return the JSON document, or empty on timeout
     */
    Optional<String> receive(double timeoutSeconds);

    /** Executes a synchronous request (for example {@code setLogStream}) and returns its result. */
    String execute(String request);

    /**
     * The time this backend lives in: the wall clock for libtdjson, the simulator's virtual clock for
     * the simulator. The client's receive thread and every wait for an answer use it. (Not a default
     * method: a decorator that forgot to pass it on would put a simulator back on the wall clock.)
     */
    TimeSource clock();
}
