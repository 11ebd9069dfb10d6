package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.app.SluiceRuntime.Component;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The processors (gateway, observer, batch coordinator) stop and start again in the middle of a
 * batch, as {@code sluice processors} restarted by its supervisor would, with a fresh state
 * directory: the batch completes with every line answered exactly once in its output file.
 */
@ExtendWith(SharedKafkaExtension.class)
class BatchRestartIT {
    private static final String KEY = "sk-restart-0123456789abcdef";

    @Test
    void aRestartOfTheProcessorsMidBatchLosesAndRepeatsNothing(SharedKafka kafka) throws Exception {
        String yaml = """
                kafka:
                  topic-prefix: %s
                  partitions: 3
                batch:
                  tick: 200ms
                  slice-lines: 50
                  max-in-flight: 50
                tenants:
                  - id: nightly
                    keys:
                      - id: restart-key
                        secret: %s
                """.formatted(SharedKafka.newPrefix("batchrestart"), KEY);
        var processors = EnumSet.of(Component.GATEWAY, Component.OBSERVER, Component.BATCH);
        try (var front = RunningSluice.start(kafka, yaml, Map.of(),
                EnumSet.of(Component.REGISTRY, Component.INGRESS, Component.INVOKER))) {
            RunningSluice back = RunningSluice.start(kafka, yaml, Map.of(), processors);
            try {
                String fileId = BatchRuns.uploadedId(front, KEY, BatchRuns.jsonl(1000, n -> "mock-echo"));
                String batchId = BatchRuns.createdId(front, KEY, fileId);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                int completed = 0;
                while (completed < 150 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                    completed = BatchRuns.read(front.get("/v1/batches/" + batchId, KEY).body())
                            .at("/request_counts/completed").asInt();
                }
                assertThat(completed).as("the batch is under way before the restart").isBetween(150, 999);

                back.close();
                back = RunningSluice.start(kafka, yaml, Map.of(), processors);

                JsonNode batch = BatchRuns.await(front, KEY, batchId, Set.of("completed", "failed", "cancelled"),
                        Duration.ofSeconds(120));
                assertThat(batch.path("status").asText()).isEqualTo("completed");
                assertThat(batch.path("request_counts").toString())
                        .isEqualTo("{\"total\":1000,\"completed\":1000,\"failed\":0}");
                Map<String, JsonNode> output = BatchRuns.byCustomId(BatchRuns.content(front, KEY,
                        batch.path("output_file_id").asText()));
                assertThat(output.keySet()).containsExactlyInAnyOrderElementsOf(
                        IntStream.rangeClosed(1, 1000).mapToObj(n -> "req-" + n).toList());
                assertThat(batch.path("error_file_id").isNull()).isTrue();
            } finally {
                back.close();
            }
        }
    }
}
