package io.sluice.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A provider's endpoint on loopback for end-to-end tests: it records every request exactly as it
 * arrived (method, raw path, raw query, lower-cased headers, body bytes) and answers each with its
 * {@link Responder}, which may look at the request (a streamed call, the model asked for) to choose
 * the answer. A responder of {@code null} answers nothing but 500, for a canary that must never be
 * called.
 */
public final class RecordingUpstream implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived; header names are lower-cased. */
    public record Received(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("the body is not JSON: " + bodyText(), e);
            }
        }

        /** The only value of a header, or null when it is absent; fails if it was sent twice. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            if (values == null) {
                return null;
            }
            if (values.size() != 1) {
                throw new AssertionError("header " + name + " sent " + values.size() + " times: " + values);
            }
            return values.get(0);
        }
    }

    /** Writes the answer to one request: status, headers and body, flushing as it likes. */
    @FunctionalInterface
    public interface Responder {
        void answer(Received request, HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private RecordingUpstream(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static RecordingUpstream start(Responder responder) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "recording-upstream");
                t.setDaemon(true);
                return t;
            });
            var upstream = new RecordingUpstream(server, executor);
            server.createContext("/", exchange -> upstream.handle(exchange, responder));
            server.setExecutor(executor);
            server.start();
            return upstream;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange, Responder responder) {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = new TreeMap<String, List<String>>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            var request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(headers), body);
            received.add(request);
            if (responder == null) {
                exchange.sendResponseHeaders(500, -1);
            } else {
                responder.answer(request, exchange);
            }
        } catch (IOException e) {
            // the client went away; the test sees that from its side
        }
    }

    /** {@code http://127.0.0.1:<port>} with no trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The last request received; fails if none came. */
    public Received last() {
        if (received.isEmpty()) {
            throw new AssertionError("the upstream at " + baseUrl() + " received no request");
        }
        return received.get(received.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Writes a whole answer with a JSON body. */
    static void json(HttpExchange exchange, int status, Map<String, String> headers, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** Starts a streamed answer: status 200, the content type and headers, a chunked body. */
    static void startStream(HttpExchange exchange, String contentType, Map<String, String> headers) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(200, 0);
    }

    /** Writes and flushes one piece of a streamed body, so that it leaves on its own. */
    static void flush(HttpExchange exchange, byte[] piece) throws IOException {
        exchange.getResponseBody().write(piece);
        exchange.getResponseBody().flush();
    }

    /** Writes server-sent events, each flushed on its own. */
    static void events(HttpExchange exchange, Map<String, String> headers, List<String> events) throws IOException {
        startStream(exchange, "text/event-stream", headers);
        for (String event : events) {
            flush(exchange, event.getBytes(StandardCharsets.UTF_8));
        }
    }
}
