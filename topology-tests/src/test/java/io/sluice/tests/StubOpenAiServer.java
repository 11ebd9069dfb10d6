package io.sluice.tests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenAI-compatible upstream on loopback that records every request it receives (method, path,
 * headers, body) and answers with a fixed chat completion, so that tests can check the exact
 * wire format Sluice sends.
 */
public final class StubOpenAiServer implements AutoCloseable {
    /** One request as the stub received it. */
    public record Received(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int failStatus;
    private volatile long pauseMillis;
    private final java.util.concurrent.atomic.AtomicInteger abandoned = new java.util.concurrent.atomic.AtomicInteger();

    public StubOpenAiServer(String answer) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> handle(exchange, answer));
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "stub-openai");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    private void handle(HttpExchange exchange, String answer) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        int status = failStatus;
        if (status > 0) {
            byte[] error = ("{\"error\":{\"message\":\"the stub fails with " + status
                    + " by request\",\"type\":\"server_error\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, error.length);
            exchange.getResponseBody().write(error);
            exchange.close();
            return;
        }
        if (body.replace(" ", "").contains("\"stream\":true")) {
            try {
                stream(exchange, answer, pauseMillis);
            } catch (IOException e) {
                abandoned.incrementAndGet();
                exchange.close();
            }
            return;
        }
        byte[] response = ("{\"id\":\"chatcmpl-upstream-1\",\"object\":\"chat.completion\",\"created\":1764417600,"
                + "\"model\":\"gpt-4o-2024-08-06\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"" + answer + "\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, response.length);
        exchange.getResponseBody().write(response);
        exchange.close();
    }

    /**
     * Answers as OpenAI streams: a role chunk, the answer in two content chunks, a finish chunk,
     * the usage chunk ({@code choices: []}) and {@code [DONE]}, each event written and flushed
     * on its own.
     */
    private static void stream(HttpExchange exchange, String answer, long pauseMillis) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        String prefix = "{\"id\":\"chatcmpl-upstream-2\",\"object\":\"chat.completion.chunk\",\"created\":1764417600,"
                + "\"model\":\"gpt-4o-2024-08-06\",";
        int half = answer.length() / 2;
        List<String> events = List.of(
                prefix + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}",
                prefix + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + answer.substring(0, half) + "\"},\"finish_reason\":null}]}",
                prefix + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + answer.substring(half) + "\"},\"finish_reason\":null}]}",
                prefix + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
                prefix + "\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}",
                "[DONE]");
        var out = exchange.getResponseBody();
        for (String event : events) {
            out.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (pauseMillis > 0) {
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
        exchange.close();
    }

    /** From now on every request is answered with this HTTP status and an OpenAI error body; 0 to answer normally. */
    public void failWith(int status) {
        failStatus = status;
    }

    /** A pause after each streamed event, so that a test can walk away mid-stream. */
    public void pauseBetweenEvents(long millis) {
        pauseMillis = millis;
    }

    /** How many streams could not be written to the end because the caller hung up. */
    public int abandonedStreams() {
        return abandoned.get();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
