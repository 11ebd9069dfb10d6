package io.sluice.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A streamed chat completion as a client reads it with the JDK client: the lines of the event
 * stream as they arrived and whether the body ended cleanly, with the OpenAI chunks parsed.
 */
record SseReply(int statusCode, HttpHeaders headers, List<String> lines, boolean endedCleanly) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** POSTs {@code body} to {@code url} and reads the whole answer line by line. */
    static SseReply post(URI url, String apiKey, String body) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            List<String> lines = new ArrayList<>();
            boolean clean = true;
            try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            } catch (IOException cutOff) {
                clean = false; // the server ended the connection inside the chunked body
            }
            return new SseReply(response.statusCode(), response.headers(), lines, clean);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The payloads of the {@code data:} lines, {@code [DONE]} included. */
    List<String> data() {
        return lines.stream().filter(l -> l.startsWith("data: ")).map(l -> l.substring("data: ".length())).toList();
    }

    /** The chunks, {@code [DONE]} left out. */
    List<JsonNode> chunks() {
        List<JsonNode> chunks = new ArrayList<>();
        for (String d : data()) {
            if (!d.equals("[DONE]")) {
                try {
                    chunks.add(JSON.readTree(d));
                } catch (IOException e) {
                    throw new AssertionError("not a JSON chunk: " + d, e);
                }
            }
        }
        return chunks;
    }

    /** The content of all deltas, joined. */
    String content() {
        return chunks().stream()
                .map(c -> c.at("/choices/0/delta/content"))
                .filter(n -> !n.isMissingNode() && !n.isNull())
                .map(JsonNode::asText)
                .collect(Collectors.joining());
    }
}
