package io.sluice.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.sluice.avro.AiReply;
import io.sluice.schemas.Telemetry;
import io.sluice.schemas.registry.InMemorySchemaStore;
import io.sluice.schemas.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The ingress's real pipeline on an {@link EmbeddedChannel}, spoken to in HTTP/1.1 bytes: requests
 * are encoded by Netty's client encoder and responses decoded by its client decoder. Kafka is
 * replaced by a {@link FakeSubmitter}.
 */
final class HttpHarness implements AutoCloseable {
    static final String SECRET = "sk-test-acme-web";
    static final String OTHER_SECRET = "sk-test-globex";
    static final String ADMIN_SECRET = "sk-admin-test-ops-0123456789";
    static final String REPLY_TOPIC = "sluice.replies";
    static final int REPLY_PARTITION = 3;
    static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123Z");
    static final ObjectMapper JSON = new ObjectMapper();

    final FakeSubmitter submitter = new FakeSubmitter();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final IngressMetrics metrics = new IngressMetrics(registry);
    /** Feedback events recorded through {@code POST /v1/feedback}, in order. */
    final List<io.sluice.avro.AuditEvent> feedback = java.util.Collections.synchronizedList(new ArrayList<>());
    final IngressSettings settings;
    final HealthMonitor health;
    /** What the dashboard routes show; tests fill it with {@link MetricsBoard#accept}. */
    final MetricsBoard dashboard = new MetricsBoard(topics().metrics(), Clock.fixed(NOW, ZoneOffset.UTC),
            IngressSettings.DEFAULT_DASHBOARD_WINDOW);
    /** Set it to play a server that has begun to stop. */
    final AtomicBoolean closing = new AtomicBoolean();
    final EmbeddedChannel channel;
    private final EmbeddedChannel decoder =
            new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));

    HttpHarness(IngressSettings settings, List<HealthCheck> checks) {
        this.settings = settings;
        this.health = new HealthMonitor(checks);
        var auth = new ApiKeyAuthenticator(List.of(
                new ApiKey("key-acme-web", "acme", "web", ApiKey.hash(SECRET)),
                new ApiKey("key-globex", "globex", null, ApiKey.hash(OTHER_SECRET))),
                List.of(new AdminKey("ops", ApiKey.hash(ADMIN_SECRET))));
        var routes = new IngressRoutes(settings, auth, ModelCatalog.of(List.of("mock-echo", "gpt-4o-mini")),
                submitter, health, registry, metrics, Clock.fixed(NOW, ZoneOffset.UTC), Runnable::run,
                REPLY_TOPIC, REPLY_PARTITION, null, new FeedbackRecorder() {
                    @Override
                    public java.util.concurrent.CompletableFuture<Void> record(io.sluice.avro.AuditEvent event) {
                        feedback.add(event);
                        return java.util.concurrent.CompletableFuture.completedFuture(null);
                    }

                    @Override
                    public void close() {
                    }
                }, dashboard, null, null);
        this.channel = new EmbeddedChannel(new HttpServerInitializer(routes.table(), routes.perimeter(), metrics,
                settings, null, closing::get));
        this.channel.freezeTime();
    }

    HttpHarness() {
        this(settings(1024), List.of());
    }

    static IngressSettings settings(int maxBodyBytes) {
        return new IngressSettings("127.0.0.1", 0, maxBodyBytes, 8, Duration.ofSeconds(30), REPLY_PARTITION, 0);
    }

    static Topics topics() {
        return new Topics("sluice.", new InMemorySchemaStore());
    }

    // ---- requests

    static FullHttpRequest request(HttpMethod method, String uri) {
        var request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        request.headers().set(HttpHeaderNames.HOST, "localhost");
        request.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        return request;
    }

    /** An authenticated JSON POST to the chat endpoint. */
    static FullHttpRequest chat(String json) {
        FullHttpRequest request = post("/v1/chat/completions", json);
        request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + SECRET);
        return request;
    }

    static FullHttpRequest post(String uri, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri,
                Unpooled.wrappedBuffer(bytes));
        request.headers().set(HttpHeaderNames.HOST, "localhost");
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        request.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return request;
    }

    static String minimalChat() {
        return "{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    /**
     * Hands a CHUNK to the waiting request and runs the event loop, one reply at a time: an
     * EmbeddedChannel runs pending tasks inside each write, which a real event loop never does.
     */
    void chunk(AiReply chunk) {
        submitter.chunk(chunk);
        channel.runPendingTasks();
    }

    /** Writes HTTP objects as the bytes a client would send; bytes after the server closed are dropped. */
    void send(HttpObject... objects) {
        var encoder = new EmbeddedChannel(new HttpRequestEncoder());
        for (HttpObject object : objects) {
            encoder.writeOutbound(object);
        }
        ByteBuf bytes;
        while ((bytes = encoder.readOutbound()) != null) {
            if (channel.isOpen()) {
                channel.writeInbound(bytes);
            } else {
                bytes.release();
            }
        }
        encoder.finishAndReleaseAll();
    }

    /** Sends one request and returns the response it got straight away. */
    FullHttpResponse exchange(FullHttpRequest request) {
        send(request);
        FullHttpResponse response = nextResponse();
        if (response == null) {
            throw new AssertionError("no response was written");
        }
        return response;
    }

    /** The next complete response written so far (a heap copy the test need not release), or null. */
    FullHttpResponse nextResponse() {
        channel.runPendingTasks();
        ByteBuf bytes;
        while ((bytes = channel.readOutbound()) != null) {
            decoder.writeInbound(bytes);
        }
        FullHttpResponse decoded = decoder.readInbound();
        if (decoded == null) {
            return null;
        }
        FullHttpResponse copy = decoded.replace(Unpooled.wrappedBuffer(ByteBufUtil.getBytes(decoded.content())));
        decoded.release();
        return copy;
    }

    List<FullHttpResponse> allResponses() {
        List<FullHttpResponse> responses = new ArrayList<>();
        FullHttpResponse response;
        while ((response = nextResponse()) != null) {
            responses.add(response);
        }
        return responses;
    }

    /** What a streamed response sent so far: its head, its body bytes, whether the body ended cleanly. */
    record Streamed(HttpResponse head, String body, boolean ended) {
    }

    /** Decodes everything written so far as one (possibly unfinished) chunked response, without aggregating it. */
    Streamed streamed() {
        channel.runPendingTasks();
        var raw = new EmbeddedChannel(new HttpResponseDecoder());
        ByteBuf bytes;
        while ((bytes = channel.readOutbound()) != null) {
            raw.writeInbound(bytes);
        }
        HttpResponse head = null;
        var body = new StringBuilder();
        boolean ended = false;
        Object part;
        while ((part = raw.readInbound()) != null) {
            if (part instanceof HttpResponse response) {
                head = response;
            }
            if (part instanceof HttpContent content) {
                body.append(content.content().toString(StandardCharsets.UTF_8));
                ended |= part instanceof LastHttpContent;
                content.release();
            }
        }
        raw.finishAndReleaseAll();
        return new Streamed(head, body.toString(), ended);
    }

    void advanceTime(Duration duration) {
        channel.advanceTimeBy(duration.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    static JsonNode json(FullHttpResponse response) {
        try {
            return JSON.readTree(response.content().toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode error(FullHttpResponse response) {
        return json(response).get("error");
    }

    double counter(String route, int status) {
        var counter = registry.find(Telemetry.INGRESS_REQUESTS)
                .tag(Telemetry.TAG_ROUTE, route)
                .tag(Telemetry.TAG_STATUS, Integer.toString(status))
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
        decoder.finishAndReleaseAll();
        registry.close();
    }
}
