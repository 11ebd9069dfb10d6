package io.sluice.schemas.registry;

import io.sluice.schemas.DaemonThreads;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sluice.schemas.registry.RegistryRoutes.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry served by Sluice itself in embedded mode, so that
 * applications can use standard Avro serializers against it. Serves the subset of the REST API that
 * serializers, deserializers and operators use (register, look up, fetch by id, list subjects and
 * versions, check compatibility, read the global BACKWARD config) over an {@link InMemorySchemaStore},
 * which persists registrations through its listener (see {@link KafkaSchemaLog}).
 *
 * <p>Runs on the JDK's HTTP server with a small thread pool; request bodies are bounded to
 * {@value #MAX_BODY_BYTES} bytes.
 */
public final class SchemaRegistryServer implements AutoCloseable {
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final long MAX_DISCARDED_BYTES = 8L << 20;
    private static final int THREADS = 4;
    private static final int PAYLOAD_TOO_LARGE = 413;
    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);

    private final RegistryRoutes routes;
    private final String host;
    private final int requestedPort;
    private HttpServer server;
    private ExecutorService executor;

    /**
     * @param store the registry's state
     * @param host the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
     * @param port the port to bind, 0 for any free port (see {@link #port()})
     */
    public SchemaRegistryServer(InMemorySchemaStore store, String host, int port) {
        if (store == null) {
            throw new IllegalArgumentException("store must not be null");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
        this.routes = new RegistryRoutes(store);
        this.host = host;
        this.requestedPort = port;
    }

    /**
     * Binds and starts serving.
     *
     * @throws UncheckedIOException if the address cannot be bound
     * @throws IllegalStateException if already started
     */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("schema registry already started");
        }
        HttpServer created;
        try {
            created = HttpServer.create(new InetSocketAddress(host, requestedPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind schema registry to " + host + ":" + requestedPort, e);
        }
        executor = Executors.newFixedThreadPool(THREADS, DaemonThreads.named("sluice-schema-registry"));
        created.setExecutor(executor);
        created.createContext("/", this::handle);
        created.start();
        server = created;
        log.info("schema registry started host={} port={}", host, port());
    }

    /** The bound port; useful when constructed with port 0. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("schema registry not started");
        }
        return server.getAddress().getPort();
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8081}. */
    public synchronized URI uri() {
        try {
            return new URI("http", null, host, port(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no URI for host " + host, e);
        }
    }

    /** Stops serving; requests in flight are cut off. Idempotent. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("schema registry stopped host={} port={}", host, server.getAddress().getPort());
        server = null;
        executor = null;
    }

    private void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try {
            Reply reply = answer(exchange, method, path);
            byte[] body = RegistryJson.write(reply.body());
            exchange.getResponseHeaders().set("Content-Type", RegistryJson.CONTENT_TYPE);
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            log.debug("schema registry request method={} path={} status={}", method, path, reply.status());
        } catch (IOException e) {
            log.debug("schema registry exchange broken method={} path={} error={}", method, path, e.toString());
        } finally {
            exchange.close();
        }
    }

    private Reply answer(HttpExchange exchange, String method, String path) throws IOException {
        try {
            Reply reply = routes.handle(method, path, readBody(exchange));
            if (reply.status() >= 500) {
                log.warn("schema registry request failed method={} path={} status={}", method, path, reply.status());
            }
            return reply;
        } catch (SchemaRegistryException e) {
            return Reply.of(e);
        } catch (RuntimeException e) {
            log.error("schema registry request failed method={} path={}", method, path, e);
            return new Reply(500, RegistryJson.error(500, "Internal Server Error"));
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        try (InputStream in = exchange.getRequestBody()) {
            if (declared != null && parseLength(declared) > MAX_DISCARDED_BYTES) {
                throw tooLarge();
            }
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                // read the rest (bounded) so that the client sees the answer rather than a reset connection
                discard(in, Math.min(MAX_DISCARDED_BYTES, remaining(declared, body.length)));
                throw tooLarge();
            }
            return body;
        }
    }

    /** Reads and drops {@code count} bytes; the JDK server's request stream does not support skip(). */
    private static void discard(InputStream in, long count) throws IOException {
        byte[] sink = new byte[8192];
        long left = count;
        while (left > 0) {
            int read = in.read(sink, 0, (int) Math.min(sink.length, left));
            if (read < 0) {
                return;
            }
            left -= read;
        }
    }

    private static long remaining(String declared, int read) {
        return declared == null ? 0 : Math.max(0, parseLength(declared) - read);
    }

    private static long parseLength(String declared) {
        try {
            return Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            throw new SchemaRegistryException(400, "malformed Content-Length");
        }
    }

    private static SchemaRegistryException tooLarge() {
        return new SchemaRegistryException(PAYLOAD_TOO_LARGE, "request body exceeds " + MAX_BODY_BYTES + " bytes");
    }

}
