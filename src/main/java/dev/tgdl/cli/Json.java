package dev.tgdl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;

/** The --json documents tgdl prints: snake_case, pretty, one document per command. */
final class Json {

    static final ObjectMapper MAPPER = dev.tgdl.app.StatsJson.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /**
     * A run's document; with --simulate it carries a {@code simulator} object with the simulated
     * server's counters (requests by method, flood waits imposed, bytes served).
     */
    static Object withSimulator(Object document, dev.tgdl.app.AppContext app) {
        com.fasterxml.jackson.databind.node.ObjectNode node = MAPPER.valueToTree(document);
        node.put("peak_heap_bytes", peakHeap());
        app.simulation().flatMap(dev.tgdl.app.Simulation::simulator)
                .ifPresent(sim -> node.set("simulator", MAPPER.valueToTree(sim.stats())));
        return node;
    }

    /** The most heap this process has used (summed over the heap's pools). */
    static long peakHeap() {
        return java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
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
