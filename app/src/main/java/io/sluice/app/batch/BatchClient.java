package io.sluice.app.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Calls the Batch API ({@code /v1/files}, {@code /v1/batches}) of one ingress with one API key, in
 * the OpenAI wire format. A refusal is an {@link ApiException} carrying the API's error message.
 */
final class BatchClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The API answered with an error status; {@code message} is its {@code error.message} when it has one. */
    static final class ApiException extends IOException {
        ApiException(int status, String message) {
            super("HTTP " + status + ": " + message);
        }
    }

    private final URI base;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    BatchClient(URI base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    /** {@code POST /v1/files} as {@code multipart/form-data} with {@code purpose=batch}; the file object. */
    JsonNode upload(String fileName, byte[] content) throws IOException, InterruptedException {
        String boundary = "sluice-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName.replace("\"", "") + "\"\r\nContent-Type: application/jsonl\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return json(send(request("/v1/files")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))));
    }

    /** {@code POST /v1/batches} for chat completions; the batch object. */
    JsonNode create(String inputFileId, String completionWindow) throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(Map.of("input_file_id", inputFileId,
                "endpoint", "/v1/chat/completions", "completion_window", completionWindow));
        return json(send(request("/v1/batches").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))));
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return json(send(request(path).GET()));
    }

    JsonNode cancel(String batchId) throws IOException, InterruptedException {
        return json(send(request("/v1/batches/" + batchId + "/cancel").POST(HttpRequest.BodyPublishers.noBody())));
    }

    /** {@code GET /v1/files/{id}/content}: the file's bytes. */
    byte[] content(String fileId) throws IOException, InterruptedException {
        return send(request("/v1/files/" + fileId + "/content").GET());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Authorization", "Bearer " + apiKey);
    }

    private byte[] send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw new ApiException(response.statusCode(), errorMessage(response.body()));
        }
        return response.body();
    }

    private static String errorMessage(byte[] body) {
        try {
            JsonNode message = JSON.readTree(body).path("error").path("message");
            if (message.isTextual()) {
                return message.asText();
            }
        } catch (IOException e) {
            // not JSON: the body itself says what went wrong
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] body) throws IOException {
        return JSON.readTree(body);
    }
}
