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
        var sim = app.simulation().flatMap(dev.tgdl.app.Simulation::simulator);
        if (sim.isEmpty()) {
            return document;
        }
        com.fasterxml.jackson.databind.node.ObjectNode node = MAPPER.valueToTree(document);
        node.set("simulator", MAPPER.valueToTree(sim.get().stats()));
        return node;
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
