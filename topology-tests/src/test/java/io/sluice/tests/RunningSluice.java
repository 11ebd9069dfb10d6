package io.sluice.tests;

import io.sluice.app.SluiceRuntime;
import io.sluice.app.config.ConfigLoader;
import io.sluice.app.config.SluiceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A whole Sluice (registry, gateway, invoker, ingress) started through the production
 * {@link SluiceRuntime} against the shared test broker, under a topic prefix of its own, with its
 * configuration given as YAML so that tests exercise the real config loader too.
 */
public final class RunningSluice implements AutoCloseable {
    private final SluiceRuntime runtime;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path dataDir;

    private RunningSluice(SluiceRuntime runtime, Path dataDir) {
        this.runtime = runtime;
        this.dataDir = dataDir;
    }

    public static RunningSluice start(SharedKafka kafka, String yaml, Map<String, String> env) {
        return start(kafka, yaml, env, EnumSet.allOf(SluiceRuntime.Component.class));
    }

    public static RunningSluice start(SharedKafka kafka, String yaml, Map<String, String> env,
            Set<SluiceRuntime.Component> components) {
        return start(kafka, yaml, env, components, Clock.systemUTC());
    }

    /** As {@link #start(SharedKafka, String, Map, Set)}, with every component reading {@code clock}. */
    public static RunningSluice start(SharedKafka kafka, String yaml, Map<String, String> env,
            Set<SluiceRuntime.Component> components, Clock clock) {
        try {
            Path dataDir = Files.createTempDirectory("sluice-test-data");
            SluiceConfig config = new ConfigLoader(env::get).parse(yaml, "test.yaml");
            config = config.withDataDir(dataDir)
                    .withKafka(config.kafka().withBootstrapServers(kafka.bootstrapServers()).withPorts(0, 0))
                    .withIngress(config.ingress().withPort(0))
                    .withMetrics(config.metrics().withPort(0));
            return new RunningSluice(SluiceRuntime.start(config, components, clock), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SluiceRuntime runtime() {
        return runtime;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + runtime.ingressPort() + path);
    }

    /** Where this process serves {@code GET /metrics}: its ingress, or its metrics server if it runs none. */
    public URI metricsUrl() {
        try {
            return url("/metrics");
        } catch (IllegalStateException noIngress) {
            return URI.create("http://127.0.0.1:" + runtime.metricsPort() + "/metrics");
        }
    }

    public HttpResponse<String> post(String path, String apiKey, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30)).GET();
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return send(request.build());
    }

    /**
     * Streams a chat request over a raw socket, reads up to the first chunk with content, then hangs
     * up; returns the request id (the chunk's id).
     */
    public String hangUpAfterFirstChunk(String apiKey, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (var socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), runtime.ingressPort())) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + apiKey
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("data: {")) {
                    var chunk = json.readTree(line.substring("data: ".length()));
                    if (!chunk.at("/choices/0/delta/content").asText("").isEmpty()) {
                        return chunk.path("id").asText();
                    }
                }
            }
        }
        throw new AssertionError("the stream ended before its first content chunk");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads {@code topic} from the beginning with a real consumer until {@code done} holds for what
     * was read matching {@code filter}, or the timeout passes; returns what matched. Once done, it
     * reads half a second longer, so that duplicates show up.
     */
    public <V> List<V> readTopic(String topic, Deserializer<V> values, Predicate<V> filter,
            Predicate<List<V>> done, Duration timeout) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + System.nanoTime());
        List<V> matched = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean graceStarted = false;
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    if (filter.test(record.value())) {
                        matched.add(record.value());
                    }
                }
                if (!graceStarted && done.test(matched)) {
                    graceStarted = true;
                    deadline = Math.min(deadline, System.nanoTime() + Duration.ofMillis(500).toNanos());
                }
            }
        }
        return matched;
    }

    @Override
    public void close() throws IOException {
        runtime.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
