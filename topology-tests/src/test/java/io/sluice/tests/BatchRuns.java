package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/** Drives the OpenAI Batch API of a {@link RunningSluice} with the JDK's HTTP client, as a plain client would. */
final class BatchRuns {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BatchRuns() {}

    /** {@code lines} request lines, custom ids {@code req-1..}, each asking {@code model.apply(n)} to echo "line n". */
    static String jsonl(int lines, IntFunction<String> model) {
        var out = new StringBuilder();
        for (int n = 1; n <= lines; n++) {
            out.append("{\"custom_id\":\"req-").append(n).append("\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",")
                    .append("\"body\":{\"model\":\"").append(model.apply(n))
                    .append("\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"line ").append(n)
                    .append("\"}]}}\n");
        }
        return out.toString();
    }

    /** Uploads {@code jsonl} as a multipart {@code POST /v1/files}; returns the answer. */
    static HttpResponse<String> upload(RunningSluice sluice, String key, String jsonl) {
        String boundary = "sluice-test-boundary-42";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"batch.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n" + jsonl + "\r\n--" + boundary + "--\r\n";
        return send(HttpRequest.newBuilder(sluice.url("/v1/files")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    static String uploadedId(RunningSluice sluice, String key, String jsonl) {
        HttpResponse<String> response = upload(sluice, key, jsonl);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return read(response.body()).path("id").asText();
    }

    static HttpResponse<String> create(RunningSluice sluice, String key, String fileId) {
        return sluice.post("/v1/batches", key, "application/json", "{\"input_file_id\":\"" + fileId
                + "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\",\"metadata\":{\"job\":\"it\"}}");
    }

    static String createdId(RunningSluice sluice, String key, String fileId) {
        HttpResponse<String> response = create(sluice, key, fileId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return read(response.body()).path("id").asText();
    }

    /** Polls {@code GET /v1/batches/{id}} until its status is one of {@code statuses}; fails after {@code timeout}. */
    static JsonNode await(RunningSluice sluice, String key, String batchId, Set<String> statuses, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode batch = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = sluice.get("/v1/batches/" + batchId, key);
            if (response.statusCode() == 200) {
                batch = read(response.body());
                if (statuses.contains(batch.path("status").asText())) {
                    return batch;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("batch " + batchId + " never reached " + statuses + "; last seen " + batch);
    }

    static String content(RunningSluice sluice, String key, String fileId) {
        HttpResponse<String> response = sluice.get("/v1/files/" + fileId + "/content", key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** The lines of a result file by custom id; fails if a custom id appears twice. */
    static Map<String, JsonNode> byCustomId(String jsonl) {
        Map<String, JsonNode> lines = new HashMap<>();
        for (String line : jsonl.split("\n")) {
            if (!line.isBlank()) {
                JsonNode node = read(line);
                assertThat(lines.put(node.path("custom_id").asText(), node)).as("repeated " + line).isNull();
            }
        }
        return lines;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
