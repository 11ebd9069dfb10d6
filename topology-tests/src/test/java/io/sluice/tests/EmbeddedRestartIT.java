package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.app.SluiceRuntime;
import io.sluice.app.config.SluiceConfig;
import io.sluice.avro.AuditEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default ({@code sluice start} with no file): its own broker in the data directory,
 * the demo tenant and the mock provider; a restart keeps the data and the demo key.
 */
class EmbeddedRestartIT {

    @Test
    void embeddedDefaultServesTheDemoKeyAndKeepsItsDataAcrossARestart(@TempDir Path dataDir) throws Exception {
        int brokerPort = freePortPair();
        SluiceConfig config = SluiceConfig.defaults().withDataDir(dataDir);
        config = config.withKafka(config.kafka().withPorts(brokerPort, 0)).withIngress(config.ingress().withPort(0));

        String firstKey;
        try (var runtime = start(config)) {
            firstKey = runtime.demoApiKey();
            assertThat(firstKey).startsWith("sk-sluice-");
            assertThat(ask(runtime, firstKey, "first run").statusCode()).isEqualTo(200);
        }
        assertThat(Files.exists(dataDir.resolve("kafka/meta.properties"))).isTrue();

        try (var runtime = start(config)) {
            assertThat(runtime.demoApiKey()).isEqualTo(firstKey);
            HttpResponse<String> second = ask(runtime, firstKey, "second run");
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(second.body()).contains("second run");
            assertThat(outcomeEvents(runtime)).as("one outcome event per request of both runs, none repeated")
                    .isEqualTo(2);
        }
    }

    private static SluiceRuntime start(SluiceConfig config) {
        return SluiceRuntime.start(config, EnumSet.allOf(SluiceRuntime.Component.class), Clock.systemUTC());
    }

    private static HttpResponse<String> ask(SluiceRuntime runtime, String key, String text) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + runtime.ingressPort() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Counts the outcome events on the whole audit topic, read to its end offsets once the second
     * request's outcome is there, so that a repeated event would be counted too.
     */
    private static long outcomeEvents(SluiceRuntime runtime) {
        var audit = runtime.topics().audit();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers()),
                new StringDeserializer(), audit.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(audit.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long outcomes = 0;
            Map<TopicPartition, Long> ends = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && (ends == null || !reached(consumer, ends))) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    AuditEvent event = record.value();
                    if (event.getOutcome()) {
                        outcomes++;
                    }
                }
                if (ends == null && outcomes >= 2) {
                    ends = consumer.endOffsets(partitions);
                }
            }
            return outcomes;
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** A free port whose successor is free too (the embedded controller listens there). */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (var socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (port < 65535) {
                    try (var next = new ServerSocket(port + 1)) {
                        return port;
                    } catch (IOException taken) {
                        // try another
                    }
                }
            }
        }
        throw new IOException("no free pair of ports");
    }
}
