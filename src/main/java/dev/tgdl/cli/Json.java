package dev.tgdl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tgdl.app.AppContext;
import dev.tgdl.app.ExitCode;
import dev.tgdl.app.Simulation;
import dev.tgdl.app.StatsJson;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;

/** The --json documents tgdl prints: snake_case, pretty, one document per command. */
final class Json {

    static final ObjectMapper MAPPER = StatsJson.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /**
     * A run's document; with --simulate it carries a {@code simulator} object with the simulated
     * server's counters (requests by method, flood waits imposed, bytes served).
     */
    static Object withSimulator(Object document, AppContext app) {
        ObjectNode node = MAPPER.valueToTree(document);
        node.put("peak_heap_bytes", peakHeap());
        app.simulation().flatMap(Simulation::simulator)
                .ifPresent(sim -> node.set("simulator", MAPPER.valueToTree(sim.stats())));
        return node;
    }

    /**
     * A run's document ({@code download}'s stats document, {@code archive}'s report), its exit code
     * as {@code exit_code}, and what {@link #withSimulator} adds.
     */
    static Object runDocument(Object report, ExitCode code, AppContext app) {
        ObjectNode node = (ObjectNode) withSimulator(report, app);
        node.put("exit_code", code.code());
        return node;
    }

    /** The most heap this process has used (summed over the heap's pools). */
    static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    static void print(PrintStream out, Object document) {
        try {
            out.println(MAPPER.writeValueAsString(document));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON document", e);
        }
    }
}
