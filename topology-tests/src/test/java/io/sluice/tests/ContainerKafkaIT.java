package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.app.SluiceRuntime;
import io.sluice.app.config.ConfigLoader;
import io.sluice.app.config.SluiceConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The end-to-end path against a Kafka broker in a container (the official Apache image), for
 * machines with Docker. Skipped, not failed, where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerKafkaIT {
    private static final String KEY = "sk-test-container-0123456789";

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Test
    void aRequestTravelsThePipelineOnAContainerisedBroker() throws Exception {
        SluiceConfig config = new ConfigLoader(Map.of("KEY", KEY)::get).parse("""
                kafka:
                  topic-prefix: tc.
                  partitions: 2
                tenants:
                  - id: acme
                    keys:
                      - id: k1
                        secret: ${KEY}
                """, "tc.yaml");
        config = config.withDataDir(Files.createTempDirectory("sluice-tc"))
                .withKafka(config.kafka().withBootstrapServers(KAFKA.getBootstrapServers()).withPorts(0, 0))
                .withIngress(config.ingress().withPort(0));

        try (var runtime = SluiceRuntime.start(config, EnumSet.allOf(SluiceRuntime.Component.class), Clock.systemUTC())) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + runtime.ingressPort() + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"in a container\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("in a container");
        }
    }
}
