package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.avro.AiReply;
import io.sluice.avro.AiRequest;
import io.sluice.schemas.topic.Topics;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real server (Netty bootstrap, epoll or NIO) over loopback HTTP with the JDK client; Kafka is
 * replaced by Kafka's own mock clients, the real-broker tests live in topology-tests.
 */
class IngressServerTest {
    private static final int PARTITION = 1;

    private final Topics topics = HttpHarness.topics();
    private final TopicPartition replies = new TopicPartition(topics.replies().name(), PARTITION);
    private final MockProducer<String, AiRequest> producer = new MockProducer<>(true, null, new StringSerializer(),
            topics.requests().valueSerde().serializer());
    private final MockConsumer<byte[], byte[]> consumer = new QuietMockConsumer();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private IngressServer server;

    private void start() {
        start(Duration.ofSeconds(10));
    }

    /** Starts the server; its {@code close()} waits at most {@code maxDrain} for answers. */
    private void start(Duration maxDrain) {
        var settings = new IngressSettings("127.0.0.1", 0, 64 * 1024, 16, Duration.ofSeconds(30), null, 1);
        var auth = new ApiKeyAuthenticator(List.of(new ApiKey("k1", "acme", "web", ApiKey.hash("sk-live"))));
        server = new IngressServer(settings, topics, Map.of("bootstrap.servers", "unused:9092"), auth,
                ModelCatalog.of(List.of("mock-echo")), List.of(), registry, Clock.systemUTC(), maxDrain);
        server.startWith(() -> {
            var pending = new PendingReplies();
            var listener = new ReplyListener(consumer, replies, topics.replies().valueSerde().deserializer(), pending);
            consumer.updateEndOffsets(Map.of(replies, 0L));
            listener.positionAtEnd(Duration.ofSeconds(1));
            listener.start();
            return new KafkaRequestSubmitter(producer, topics.requests().name(), pending, listener);
        });
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        registry.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private AiRequest awaitProduced() throws InterruptedException {
        for (int i = 0; i < 1_000 && producer.history().isEmpty(); i++) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(producer.history()).as("a request was produced").isNotEmpty();
        return producer.history().get(producer.history().size() - 1).value();
    }

    private void replyWith(AiReply reply) {
        byte[] value = topics.replies().valueSerde().serializer().serialize(replies.topic(), reply);
        consumer.schedulePollTask(() -> consumer.addRecord(
                new ConsumerRecord<>(replies.topic(), PARTITION, 0, null, value)));
    }

    @Test
    void given_stream_true_over_loopback_then_the_client_reads_chunks_and_done_from_a_chunked_body() throws Exception {
        start();
        HttpRequest request = HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .header("Authorization", "Bearer sk-live")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"mock-echo\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        String id = awaitProduced().getRequestId();

        List<AiReply> sent = List.of(Replies.chunk(id, 1, "Hel"), Replies.chunk(id, 2, "lo"),
                Replies.chunk(id, 2, "lo"), Replies.chunk(id, 3, "!"),
                Replies.finalReply(Replies.success(id, "Hello!")));
        for (int i = 0; i < sent.size(); i++) {
            byte[] value = topics.replies().valueSerde().serializer().serialize(replies.topic(), sent.get(i));
            long offset = i;
            consumer.schedulePollTask(() -> consumer.addRecord(
                    new ConsumerRecord<>(replies.topic(), PARTITION, offset, null, value)));
        }
        HttpResponse<String> response = answer.get(10, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("text/event-stream; charset=utf-8");
        assertThat(response.body().split("\n\n")).hasSize(5);
        assertThat(response.body()).contains("\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"}")
                .contains("\"delta\":{\"content\":\"lo\"}").contains("\"delta\":{\"content\":\"!\"}")
                .contains("\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"")
                .endsWith("data: [DONE]\n\n");
    }

    private CompletableFuture<HttpResponse<String>> chatAsync() {
        HttpRequest request = HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .header("Authorization", "Bearer sk-live")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(HttpHarness.minimalChat()))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the listening socket is closed, i.e. {@code close()} has begun draining. */
    private static void awaitRefused(int port) throws InterruptedException {
        for (int i = 0; i < 1_000; i++) {
            try (var socket = new Socket("127.0.0.1", port)) {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (IOException refused) {
                return;
            }
        }
        throw new AssertionError("the server kept accepting connections");
    }

    @Test
    void given_a_running_server_when_a_client_chats_then_it_gets_the_reply_over_real_http() throws Exception {
        start();
        CompletableFuture<HttpResponse<String>> pending = chatAsync();
        AiRequest produced = awaitProduced();
        replyWith(Replies.successFor(produced, "pong"));
        HttpResponse<String> response = pending.get(30, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-request-id")).contains(produced.getRequestId());
        JsonNode body = HttpHarness.JSON.readTree(response.body());
        assertThat(body.get("choices").get(0).get("message").get("content").asText()).isEqualTo("pong");
        assertThat(produced.getReplyTo().getPartition()).isEqualTo(server.replyPartition()).isEqualTo(PARTITION);
        assertThat(producer.history().get(0).key()).isEqualTo("acme");
    }

    @Test
    void given_a_running_server_then_health_metrics_and_errors_answer_over_http() throws Exception {
        start();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(uri("/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> missing = client.send(HttpRequest.newBuilder(uri("/v2/anything")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(uri("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(HttpHarness.JSON.readTree(health.body()).get("checks").get(IngressServer.REPLIES_CHECK)
                .get("status").asText()).isEqualTo("UP");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(metrics.body()).contains("sluice_ingress_requests_total{route=\"unmatched\",status=\"404\"} 1.0");
    }

    @Test
    void given_a_waiting_client_when_the_server_closes_and_no_reply_comes_then_it_gets_503_shutting_down()
            throws Exception {
        start(Duration.ofMillis(50));
        CompletableFuture<HttpResponse<String>> pending = chatAsync();
        awaitProduced();

        server.close();
        HttpResponse<String> response = pending.get(30, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode error = HttpHarness.JSON.readTree(response.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("server_error");
        assertThat(error.get("code").asText()).isEqualTo("shutting_down");
    }

    @Test
    void given_a_waiting_client_when_its_reply_arrives_while_the_server_drains_then_it_gets_the_reply()
            throws Exception {
        start();
        CompletableFuture<HttpResponse<String>> pending = chatAsync();
        AiRequest produced = awaitProduced();
        int port = server.port();

        CompletableFuture<Void> closed = CompletableFuture.runAsync(server::close);
        awaitRefused(port);
        replyWith(Replies.successFor(produced, "just in time"));
        HttpResponse<String> response = pending.get(30, TimeUnit.SECONDS);
        closed.get(30, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(HttpHarness.JSON.readTree(response.body()).get("choices").get(0).get("message").get("content")
                .asText()).isEqualTo("just in time");
    }

    @Test
    void given_a_closed_server_then_it_no_longer_accepts_connections() {
        start();
        URI health = uri("/health/live");

        server.close();

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }
}
