package dev.tgdl.td;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tgdl.testing.NativeLibrary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the real library can show: its version, its parser, its behaviour under load. */
class NativeTdlibTest {

    @TempDir
    Path dir;

    @Test
    void library_loads_andReportsVersion1867() throws Exception {
        TdRuntime runtime = TdRuntime.of(NativeLibrary.get());
        assertThat(runtime.execute(new TdFunctions.GetOption("version")))
                .isEqualTo(new TdApi.OptionValueString("1.8.67"));

        try (TdClient client = runtime.newClient()) {
            assertThat(client.call(new TdFunctions.GetOption("version")))
                    .isEqualTo(new TdApi.OptionValueString("1.8.67"));
        }
    }

    @Test
    void thousandConcurrentRequests_fromVirtualThreads_eachGetTheirOwnAnswer() throws Exception {
        try (TdClient client = TdRuntime.of(NativeLibrary.get()).newClient()) {
            List<Future<Integer>> answers = new ArrayList<>();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 1000; i++) {
                    int x = i;
                    answers.add(executor.submit(() -> {
                        ObjectNode request = TdCodec.mapper().createObjectNode().put("@type", "testSquareInt").put("x", x);
                        return client.sendRaw(request).get(30, TimeUnit.SECONDS).path("value").asInt();
                    }));
                }
            }
            for (int i = 0; i < 1000; i++) {
                assertThat(answers.get(i).get()).as("answer to request %d", i).isEqualTo(i * i);
            }
            assertThat(client.pendingRequests()).isZero();
        }
    }

    @Test
    void setTdlibParametersWithoutApiId_isRejectedWithTdlibsMessage() throws Exception {
        try (TdClient client = TdRuntime.of(NativeLibrary.get()).newClient()) {
            var bad = new TdFunctions.SetTdlibParameters(false, dir.resolve("db").toString(), "", "", true, true, true,
                    false, 0, "", "en", "test", "linux", "0.1.0");
            CompletableFuture<TdApi.Ok> answer = client.send(bad);
            assertThatThrownBy(() -> answer.get(30, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(TdException.class, e -> {
                        assertThat(e.code()).isEqualTo(400);
                        assertThat(e.tdMessage()).contains("api_id");
                    });
        }
    }
}
