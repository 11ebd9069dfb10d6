package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.app.SluiceRuntime.Component;
import io.sluice.avro.AiReply;
import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Priority;
import io.sluice.avro.ReplyAddress;
import io.sluice.avro.ReplyKind;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Apps that skip HTTP: they produce an {@code AiRequest} to {@code requests} with the standard
 * serializer and read the outcome from {@code responses}, or from a reply topic of their own.
 */
@ExtendWith(SharedKafkaExtension.class)
class KafkaNativeIT {
    static RunningSluice sluice;
    static KafkaProducer<String, AiRequest> producer;

    static String appReplies;

    @BeforeAll
    static void start(SharedKafka kafka) {
        String prefix = SharedKafka.newPrefix("native");
        appReplies = prefix + "replies.billing";
        String yaml = """
                kafka:
                  topic-prefix: %s
                  partitions: 3
                gateway:
                  app-reply-topics: [%s]
                tenants:
                  - id: billing
                    keys:
                      - id: billing-batch
                        secret: sk-billing-0123456789abcdef
                """.formatted(prefix, appReplies);
        sluice = RunningSluice.start(kafka, yaml, Map.of(),
                EnumSet.of(Component.REGISTRY, Component.GATEWAY, Component.INVOKER));
        var requests = sluice.runtime().topics().requests();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), requests.keySerde().serializer(), requests.valueSerde().serializer());
    }

    @AfterAll
    static void stop() throws Exception {
        if (producer != null) {
            producer.close();
        }
        if (sluice != null) {
            sluice.close();
        }
    }

    @Test
    void aRequestProducedStraightToKafkaGetsItsResponseOnTheResponsesTopic() throws Exception {
        AiRequest request = request("native-1", "mock-echo", null);
        producer.send(new ProducerRecord<>(sluice.runtime().topics().requests().name(), "billing", request)).get();

        AiResponse response = awaitResponse("native-1");
        assertThat(response.getStatus()).isEqualTo(ResponseStatus.SUCCESS);
        assertThat(response.getChoices().get(0).getMessage().getContent()).isEqualTo("invoice summary please");
        assertThat(response.getUsage().getTotalTokens()).isPositive();
        assertThat(response.getDeployment()).isEqualTo("mock");
    }

    @Test
    void aRejectedRequestAlsoGetsExactlyOneResponse() throws Exception {
        producer.send(new ProducerRecord<>(sluice.runtime().topics().requests().name(), "billing",
                request("native-2", "not-configured", null))).get();

        AiResponse response = awaitResponse("native-2");
        assertThat(response.getStatus()).isEqualTo(ResponseStatus.REJECTED);
        assertThat(response.getError().getHttpStatus()).isEqualTo(404);
    }

    @Test
    void aBatchPriorityRequestIsAnsweredToo() throws Exception {
        AiRequest batch = AiRequest.newBuilder(request("native-batch-1", "mock-echo", null))
                .setPriority(Priority.BATCH).setBatchId("nightly-7").build();
        producer.send(new ProducerRecord<>(sluice.runtime().topics().requests().name(), "billing", batch)).get();

        AiResponse response = awaitResponse("native-batch-1");
        assertThat(response.getStatus()).isEqualTo(ResponseStatus.SUCCESS);

        // the embedded mock models cost $0.15/$0.60 per million tokens, half off in batch
        var price = io.sluice.avro.Price.newBuilder().setInputMicrosPerMillion(150_000)
                .setOutputMicrosPerMillion(600_000).setCachedInputMicrosPerMillion(75_000).setBatchDiscountPercent(50)
                .build();
        long listCost = io.sluice.processors.finops.Prices.costMicros(price, response.getUsage(), false);
        long batchCost = io.sluice.processors.finops.Prices.costMicros(price, response.getUsage(), true);
        assertThat(batchCost).isLessThan(listCost);
        assertThat(response.getCostMicros()).isEqualTo(batchCost);
        var audit = sluice.runtime().topics().auditRaw();
        List<io.sluice.avro.AuditEvent> outcome = sluice.readTopic(audit.name(), audit.valueSerde().deserializer(),
                e -> e.getRequestId().equals("native-batch-1") && e.getOutcome(), l -> !l.isEmpty(),
                Duration.ofSeconds(20));
        assertThat(outcome).extracting(io.sluice.avro.AuditEvent::getCostMicros).containsOnly(batchCost);
    }

    @Test
    void anAppCanNameItsOwnReplyTopicWhenTheGatewayAllowsIt() throws Exception {
        var topics = sluice.runtime().topics();

        producer.send(new ProducerRecord<>(topics.requests().name(), "billing",
                request("native-3", "mock-echo", new ReplyAddress(appReplies, 0)))).get();

        List<AiReply> replies = sluice.readTopic(appReplies, topics.replies().valueSerde().deserializer(),
                r -> r.getRequestId().equals("native-3"), l -> !l.isEmpty(), Duration.ofSeconds(20));
        assertThat(replies).singleElement().satisfies(reply -> {
            assertThat(reply.getKind()).isEqualTo(ReplyKind.FINAL);
            assertThat(reply.getResponse().getStatus()).isEqualTo(ResponseStatus.SUCCESS);
        });
    }

    private static AiResponse awaitResponse(String requestId) {
        var topic = sluice.runtime().topics().responses();
        List<AiResponse> responses = sluice.readTopic(topic.name(), topic.valueSerde().deserializer(),
                r -> r.getRequestId().equals(requestId), l -> !l.isEmpty(), Duration.ofSeconds(20));
        assertThat(responses).hasSize(1);
        return responses.get(0);
    }

    private static AiRequest request(String id, String model, ReplyAddress replyTo) {
        return AiRequest.newBuilder()
                .setRequestId(id)
                .setTenantId("billing")
                .setAppId("nightly")
                .setModel(model)
                .setMessages(List.of(new ChatMessage(Role.USER, "invoice summary please", null)))
                .setParams(SamplingParams.newBuilder().setTemperature(0.0).build())
                .setReplyTo(replyTo)
                .setReceivedAt(Instant.now())
                .build();
    }
}
