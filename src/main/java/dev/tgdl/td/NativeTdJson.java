package dev.tgdl.td;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.tgdl.time.TimeSource;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * libtdjson through the FFM API. Each returned C string is copied into a Java string before the
 * call returns: TDLib reuses that buffer on the next receive/execute of the same thread.
 *
 * <p>The restricted FFM methods used here are the point of this class; the launcher enables
 * native access for it ({@code --enable-native-access=ALL-UNNAMED}).
 */
@SuppressWarnings("restricted")
public final class NativeTdJson implements TdJson {

    private final MethodHandle createClientId;
    private final MethodHandle send;
    private final MethodHandle receive;
    private final MethodHandle execute;
    private final Path library;

    private NativeTdJson(Path library, SymbolLookup lookup) {
        this.library = library;
        Linker linker = Linker.nativeLinker();
        createClientId = linker.downcallHandle(symbol(lookup, "td_create_client_id"), FunctionDescriptor.of(JAVA_INT));
        send = linker.downcallHandle(symbol(lookup, "td_send"), FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS));
        receive = linker.downcallHandle(symbol(lookup, "td_receive"), FunctionDescriptor.of(ADDRESS, JAVA_DOUBLE));
        execute = linker.downcallHandle(symbol(lookup, "td_execute"), FunctionDescriptor.of(ADDRESS, ADDRESS));
    }

    /**
     * Loads libtdjson from {@code library}.
     *
     * @throws TdLibraryException if the file is not a loadable library exporting the td_json functions
     */
    public static NativeTdJson load(Path library) {
        SymbolLookup lookup;
        try {
            // the library stays loaded for the life of the process, as TDLib expects
            lookup = SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException e) {
            throw new TdLibraryException("cannot load libtdjson from " + library + ": " + firstLine(e.getMessage()), e);
        }
        return new NativeTdJson(library, lookup);
    }

    /** Loads libtdjson by its plain name from the system library path (dlopen's search). */
    public static NativeTdJson loadFromSystemPath(String libraryName) {
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(libraryName, Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException e) {
            throw new TdLibraryException("cannot load " + libraryName + " from the system library path: " + firstLine(e.getMessage()), e);
        }
        return new NativeTdJson(Path.of(libraryName), lookup);
    }

    private MemorySegment symbol(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() ->
                new TdLibraryException(library + " is not libtdjson: it has no symbol " + name));
    }

    @Override
    public int createClientId() {
        try {
            return (int) createClientId.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public void send(int clientId, String request) {
        try (Arena arena = Arena.ofConfined()) {
            send.invokeExact(clientId, arena.allocateFrom(request, StandardCharsets.UTF_8));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public Optional<String> receive(double timeoutSeconds) {
        MemorySegment result;
        try {
            result = (MemorySegment) receive.invokeExact(timeoutSeconds);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return Optional.ofNullable(copy(result));
    }

    @Override
    public TimeSource clock() {
        return TimeSource.system();
    }

    @Override
    public String execute(String request) {
        MemorySegment result;
        try (Arena arena = Arena.ofConfined()) {
            result = (MemorySegment) execute.invokeExact(arena.allocateFrom(request, StandardCharsets.UTF_8));
        } catch (Throwable t) {
            throw rethrow(t);
        }
        String copy = copy(result);
        if (copy == null) {
            throw new TdException(400, "td_execute returned nothing for " + request);
        }
        return copy;
    }

    private static String copy(MemorySegment cString) {
        if (cString.equals(MemorySegment.NULL)) {
            return null;
        }
        return cString.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("libtdjson call failed", t);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    @Override
    public String toString() {
        return "NativeTdJson[" + library + "]";
    }
}
