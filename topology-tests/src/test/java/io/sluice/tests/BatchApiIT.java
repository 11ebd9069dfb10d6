package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAI Batch API end to end on the real broker with the mock provider: files stored on
 * Kafka, batches run by the coordinator through the gateway and the invoker, results read back
 * with the JDK client and with the official OpenAI Java SDK.
 */
@ExtendWith(SharedKafkaExtension.class)
class BatchApiIT {
    private static final String KEY = "sk-batch-0123456789abcdef";
    private static final String OTHER_KEY = "sk-other-0123456789abcdef";
    private static final String THRIFTY_KEY = "sk-thrifty-0123456789abcdef";
    private static final Set<String> FINAL = Set.of("completed", "failed", "expired", "cancelled");
    static RunningSluice sluice;

    @BeforeAll
    static void start(SharedKafka kafka) {
        String yaml = """
                kafka:
                  topic-prefix: %s
                  partitions: 3
                finops:
                  flush-interval: 200ms
                batch:
                  tick: 200ms
                  max-in-flight: 300
                tenants:
                  - id: batchers
                    keys:
                      - id: batch-key
                        app: nightly
                        secret: %s
                  - id: others
                    keys:
                      - id: other-key
                        secret: %s
                  - id: thrifty
                    keys:
                      - id: thrifty-key
                        app: web
                        secret: %s
                    budgets:
                      - period: day
                        limit: 0.01
                        mode: hard
                deployments:
                  - name: mock
                    provider: mock
                    options:
                      slow-delay-ms: 60000
                models:
                  - name: mock-echo
                    deployment: mock
                    price: {input: 0.15, output: 0.60, batch-discount-percent: 50}
                  - name: mock-slow
                    deployment: mock
                    price: {input: 0.15, output: 0.60, batch-discount-percent: 50}
                """.formatted(SharedKafka.newPrefix("batch"), KEY, OTHER_KEY, THRIFTY_KEY);
        sluice = RunningSluice.start(kafka, yaml, Map.of());
    }

    @AfterAll
    static void stop() throws IOException {
        if (sluice != null) {
            sluice.close();
        }
    }

    @Test
    void aThousandLineBatchRunsEndToEndAndReportsItsInvalidLines() throws Exception {
        String jsonl = BatchRuns.jsonl(1000, n -> "mock-echo") + "{not json\n"
                + "{\"custom_id\":\"bad-model\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                + "\"body\":{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}}\n";
        var uploaded = BatchRuns.upload(sluice, KEY, jsonl);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        JsonNode file = BatchRuns.read(uploaded.body());
        assertThat(file.path("purpose").asText()).isEqualTo("batch");
        assertThat(file.path("bytes").asLong()).isEqualTo(jsonl.getBytes(StandardCharsets.UTF_8).length);
        assertThat(file.path("status_details").asText()).startsWith("2 of 1002 lines");
        assertThat(BatchRuns.content(sluice, KEY, file.path("id").asText())).isEqualTo(jsonl);

        String batchId = BatchRuns.createdId(sluice, KEY, file.path("id").asText());
        JsonNode batch = BatchRuns.await(sluice, KEY, batchId, FINAL, Duration.ofSeconds(120));

        assertThat(batch.path("status").asText()).isEqualTo("completed");
        assertThat(batch.path("request_counts").toString()).isEqualTo("{\"total\":1002,\"completed\":1000,\"failed\":2}");
        assertThat(batch.path("metadata").path("job").asText()).isEqualTo("it");
        Map<String, JsonNode> output = BatchRuns.byCustomId(BatchRuns.content(sluice, KEY,
                batch.path("output_file_id").asText()));
        assertThat(output.keySet()).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 1000).mapToObj(n -> "req-" + n).toList());
        output.forEach((customId, line) -> {
            assertThat(line.at("/response/status_code").asInt()).isEqualTo(200);
            assertThat(line.at("/response/body/choices/0/message/content").asText())
                    .contains("line " + customId.substring("req-".length()));
        });
        Map<String, JsonNode> errors = BatchRuns.byCustomId(BatchRuns.content(sluice, KEY,
                batch.path("error_file_id").asText()));
        assertThat(errors).hasSize(2);
        assertThat(errors.get("bad-model").at("/error/code").asText()).isEqualTo("model_not_found");
        assertThat(errors.get("bad-model").path("response").isNull()).isTrue();
        assertThat(errors.get("null").at("/error/code").asText()).as("a line that is no JSON has no custom_id")
                .isEqualTo("invalid_json");

        assertThat(sluice.get("/v1/batches?limit=100", KEY).body()).contains(batchId);
        assertThat(sluice.get("/v1/batches/" + batchId, OTHER_KEY).statusCode()).isEqualTo(404);
        assertThat(sluice.get("/v1/files/" + file.path("id").asText() + "/content", OTHER_KEY).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theOfficialOpenAiJavaSdkRunsABatchUnchanged() throws Exception {
        Path input = Files.createTempFile("sluice-batch", ".jsonl");
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(sluice.url("/v1").toString()).apiKey(KEY)
                .maxRetries(0).build();
        try {
            Files.writeString(input, BatchRuns.jsonl(1000, n -> "mock-echo"));
            FileObject file = client.files().create(FileCreateParams.builder().file(input)
                    .purpose(FilePurpose.BATCH).build());
            Batch batch = client.batches().create(BatchCreateParams.builder().inputFileId(file.id())
                    .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                    .completionWindow(BatchCreateParams.CompletionWindow._24H).build());
            assertThat(batch.status()).isEqualTo(Batch.Status.VALIDATING);

            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!Set.of(Batch.Status.COMPLETED, Batch.Status.FAILED).contains(batch.status())
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
                batch = client.batches().retrieve(batch.id());
            }
            assertThat(batch.status()).isEqualTo(Batch.Status.COMPLETED);
            assertThat(batch.requestCounts().orElseThrow().completed()).isEqualTo(1000);
            assertThat(batch.errorFileId()).isEmpty();
            try (HttpResponse content = client.files().content(batch.outputFileId().orElseThrow())) {
                String jsonl = new String(content.body().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(BatchRuns.byCustomId(jsonl)).hasSize(1000);
            }
        } finally {
            client.close();
            Files.deleteIfExists(input);
        }
    }

    @Test
    void aBatchCancelledInTheMiddleStopsAndKeepsWhatWasAnswered() throws Exception {
        String fileId = BatchRuns.uploadedId(sluice, KEY, BatchRuns.jsonl(400, n -> n <= 20 ? "mock-echo" : "mock-slow"));
        String batchId = BatchRuns.createdId(sluice, KEY, fileId);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (BatchRuns.read(sluice.get("/v1/batches/" + batchId, KEY).body()).at("/request_counts/completed").asInt() < 20
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        var cancelled = sluice.post("/v1/batches/" + batchId + "/cancel", KEY, "application/json", "");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(BatchRuns.read(cancelled.body()).path("status").asText()).isEqualTo("cancelling");
        JsonNode batch = BatchRuns.await(sluice, KEY, batchId, FINAL, Duration.ofSeconds(60));

        assertThat(batch.path("status").asText()).isEqualTo("cancelled");
        int completed = batch.at("/request_counts/completed").asInt();
        int failed = batch.at("/request_counts/failed").asInt();
        assertThat(completed).isEqualTo(20);
        assertThat(completed + failed).as("lines never sent are in neither file").isLessThan(400);
        Map<String, JsonNode> output = BatchRuns.byCustomId(BatchRuns.content(sluice, KEY,
                batch.path("output_file_id").asText()));
        Map<String, JsonNode> errors = BatchRuns.byCustomId(BatchRuns.content(sluice, KEY,
                batch.path("error_file_id").asText()));
        assertThat(output).hasSize(completed);
        assertThat(errors).hasSize(failed);
        assertThat(output.keySet()).doesNotContainAnyElementsOf(errors.keySet());
        assertThat(sluice.post("/v1/batches/" + batchId + "/cancel", KEY, "application/json", "").statusCode())
                .isEqualTo(409);
    }

    @Test
    void onlyACallerWithAValidKeyMayUploadMoreThanAnOrdinaryBody() {
        // about 5 MiB: over the 4 MiB of an ordinary request body, within the upload limit
        StringBuilder jsonl = new StringBuilder();
        String filler = "x".repeat(2000);
        for (int i = 0; jsonl.length() < 5 * 1024 * 1024; i++) {
            jsonl.append("{\"custom_id\":\"big-").append(i).append("\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                    + "\"body\":{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"")
                    .append(filler).append("\"}]}}\n");
        }

        java.net.http.HttpResponse<String> anonymous = BatchRuns.upload(sluice, "sk-not-a-key-0123456789abcdef", jsonl.toString());
        assertThat(anonymous.statusCode()).as("refused on its head, before a file's worth is buffered").isEqualTo(413);

        java.net.http.HttpResponse<String> keyed = BatchRuns.upload(sluice, KEY, jsonl.toString());
        assertThat(keyed.statusCode()).as(keyed.body()).isEqualTo(200);
    }

    @Test
    void aBatchThatCannotFitTheBudgetIsRefusedBeforeItStarts() throws Exception {
        var chat = sluice.post("/v1/chat/completions", THRIFTY_KEY, "application/json",
                "{\"model\":\"mock-echo\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!sluice.get("/v1/budgets", THRIFTY_KEY).body().contains("\"budget\"") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        String large = BatchRuns.uploadedId(sluice, THRIFTY_KEY, BatchRuns.jsonl(1000, n -> "mock-echo"));
        var refused = BatchRuns.create(sluice, THRIFTY_KEY, large);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(BatchRuns.read(refused.body()).at("/error/code").asText()).isEqualTo("budget_exceeded");
        assertThat(sluice.get("/v1/batches", THRIFTY_KEY).body()).doesNotContain("batch_");

        String small = BatchRuns.uploadedId(sluice, THRIFTY_KEY, BatchRuns.jsonl(10, n -> "mock-echo"));
        String batchId = BatchRuns.createdId(sluice, THRIFTY_KEY, small);
        assertThat(BatchRuns.await(sluice, THRIFTY_KEY, batchId, FINAL, Duration.ofSeconds(60)).path("status").asText())
                .isEqualTo("completed");
    }
}
