package io.sluice.processors.provider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A provider's HTTP endpoint on loopback for wire-format tests: it records every request exactly as
 * it arrived and answers with the scripts queued in order. With nothing queued it holds the request
 * open until the test ends, which is how a test makes a provider time out.
 */
public final class StubUpstream implements AutoCloseable {

    /** A request as the stub received it; header names are lower-cased. */
    public record Seen(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The only value of a header, or null when it is absent. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            if (values == null) {
                return null;
            }
            if (values.size() != 1) {
                throw new AssertionError("header " + name + " sent " + values.size() + " times: " + values);
            }
            return values.get(0);
        }
    }

    /** What the stub does with one request: write a status, headers and a body, flushing as it likes. */
    @FunctionalInterface
    public interface Script {
        void answer(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor;
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    private final BlockingQueue<Script> scripts = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);

    private StubUpstream(HttpServer server, java.util.concurrent.ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static StubUpstream start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        var executor = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-upstream");
            t.setDaemon(true);
            return t;
        });
        var stub = new StubUpstream(server, executor);
        server.createContext("/", stub::handle);
        server.setExecutor(executor);
        server.start();
        return stub;
    }

    /** {@code http://127.0.0.1:<port>} with no trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Queues a script for the next request that has none yet. */
    public StubUpstream then(Script script) {
        scripts.add(script);
        return this;
    }

    /** Queues a whole answer with a JSON body. */
    public StubUpstream thenJson(int status, String json) {
        return then(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    /** Queues a whole answer. */
    public StubUpstream then(int status, Map<String, String> headers, byte[] body) {
        return then(exchange -> {
            headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        });
    }

    /** Queues an SSE answer that writes each event and flushes it, pausing between events. */
    public StubUpstream thenEvents(List<String> events, long pauseMillis) {
        return then(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            for (String event : events) {
                body.write(event.getBytes(StandardCharsets.UTF_8));
                body.flush();
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
        });
    }

    /** The next request received, waiting up to five seconds; fails if none came. */
    public Seen take() throws InterruptedException {
        Seen next = seen.poll(5, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("the stub upstream received no request");
        }
        return next;
    }

    /** How many requests arrived and were not yet taken. */
    public int pending() {
        return seen.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = new TreeMap<String, List<String>>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(headers), body));
            Script script = scripts.poll();
            if (script == null) {
                release.await(30, TimeUnit.SECONDS);
                return;
            }
            script.answer(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away; the test sees that from its side
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
