package io.sluice.app.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.schemas.DaemonThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one registry at {@code GET /metrics} in the Prometheus text format, or OpenMetrics when
 * the scraper asks for it; every other path is 404 and every other method 405. For processes whose
 * components have no HTTP port of their own (the ingress serves {@code /metrics} on its API port).
 * Runs on the JDK's HTTP server with one thread: scrapes are rare and cheap.
 */
public final class MetricsServer implements AutoCloseable {
    static final String PATH = "/metrics";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final String PLAIN_TEXT = "text/plain; charset=utf-8";
    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code host:port} (port 0: any free port, see {@link #port()}) and starts serving.
     *
     * @throws IllegalStateException if the address cannot be bound, naming it
     */
    public static MetricsServer start(PrometheusMeterRegistry registry, String host, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(DaemonThreads.named("sluice-metrics-http"));
        server.setExecutor(executor);
        server.createContext("/", exchange -> answer(registry, exchange));
        server.start();
        var started = new MetricsServer(server, executor);
        log.info("metrics.serving host={} port={} path={}", host, started.port(), PATH);
        return started;
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(PrometheusMeterRegistry registry, HttpExchange exchange) {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                send(exchange, 404, PLAIN_TEXT, "not found: only " + PATH + " is served here\n");
            } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, PLAIN_TEXT, "method not allowed\n");
            } else {
                String accept = exchange.getRequestHeaders().getFirst("Accept");
                String contentType = accept != null && accept.contains("application/openmetrics-text")
                        ? OPENMETRICS_TEXT : PROMETHEUS_TEXT;
                String body;
                try {
                    body = registry.scrape(contentType);
                } catch (RuntimeException e) {
                    log.error("metrics.scrape_failed", e);
                    send(exchange, 500, PLAIN_TEXT, "scrape failed\n");
                    return;
                }
                send(exchange, 200, contentType, body);
            }
        } catch (IOException e) {
            log.debug("metrics.client_gone error={}", e.toString());
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
