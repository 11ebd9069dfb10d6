package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.app.SluiceRuntime.Component;
import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.BatchAction;
import io.sluice.avro.BatchCommand;
import io.sluice.avro.BatchState;
import io.sluice.avro.BatchStatus;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Priority;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Kafka-native batch on the real broker: an app declares a batch of five on {@code batch.commands},
 * produces its five requests with {@code priority=BATCH} and the batch id straight to {@code requests},
 * and reads each result from {@code responses} (with the batch id) and one completion of the batch,
 * on {@code batches} and in the audit trail, with the counts.
 */
@ExtendWith(SharedKafkaExtension.class)
class KafkaNativeBatchIT {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final int SIZE = 5;

    private static RunningSluice sluice;
    private static KafkaProducer<String, AiRequest> requests;
    private static KafkaProducer<String, BatchCommand> commands;

    @BeforeAll
    static void start(SharedKafka kafka) {
        String prefix = SharedKafka.newPrefix("nativebatch");
        String yaml = """
                kafka:
                  topic-prefix: %s
                  partitions: 3
                tenants:
                  - id: ledger
                    keys:
                      - {id: ledger-jobs, secret: sk-ledger-0123456789abcdef}
                """.formatted(prefix);
        sluice = RunningSluice.start(kafka, yaml, Map.of(),
                EnumSet.of(Component.REGISTRY, Component.GATEWAY, Component.INVOKER, Component.BATCH));
        var topics = sluice.runtime().topics();
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        requests = new KafkaProducer<>(props, topics.requests().keySerde().serializer(),
                topics.requests().valueSerde().serializer());
        commands = new KafkaProducer<>(props, topics.batchCommands().keySerde().serializer(),
                topics.batchCommands().valueSerde().serializer());
    }

    @AfterAll
    static void stop() throws Exception {
        if (requests != null) {
            requests.close();
        }
        if (commands != null) {
            commands.close();
        }
        if (sluice != null) {
            sluice.close();
        }
    }

    @Test
    void aDeclaredBatchProducedToKafkaIsAnsweredOnResponsesAndCompletesOnce() throws Exception {
        var topics = sluice.runtime().topics();
        String batchId = "ledger-nightly-" + System.nanoTime();
        Instant now = Instant.now();
        BatchState declared = BatchState.newBuilder().setBatchId(batchId).setTenantId("ledger").setAppId("jobs")
                .setSource("kafka").setStatus(BatchStatus.IN_PROGRESS).setCreatedAt(now).setTotal(SIZE).build();
        commands.send(new ProducerRecord<>(topics.batchCommands().name(), "ledger", BatchCommand.newBuilder()
                .setBatchId(batchId).setTenantId("ledger").setAction(BatchAction.DECLARE).setAt(now)
                .setBatch(declared).build())).get();
        for (int i = 0; i < SIZE; i++) {
            requests.send(new ProducerRecord<>(topics.requests().name(), "ledger", AiRequest.newBuilder()
                    .setRequestId(batchId + "-" + i).setTenantId("ledger").setAppId("jobs").setModel("mock-echo")
                    .setMessages(List.of(new ChatMessage(Role.USER, "reconcile account " + i, null)))
                    .setParams(SamplingParams.newBuilder().build()).setPriority(Priority.BATCH).setBatchId(batchId)
                    .setReceivedAt(now).build())).get();
        }

        List<AiResponse> responses = sluice.readTopic(topics.responses().name(),
                topics.responses().valueSerde().deserializer(), r -> batchId.equals(r.getBatchId()),
                l -> l.size() >= SIZE, WITHIN);
        assertThat(responses).hasSize(SIZE).allSatisfy(r -> {
            assertThat(r.getStatus()).isEqualTo(ResponseStatus.SUCCESS);
            assertThat(r.getPriority()).isEqualTo(Priority.BATCH);
        });
        assertThat(responses.stream().map(r -> r.getChoices().get(0).getMessage().getContent())
                .collect(Collectors.toSet())).hasSize(SIZE);

        List<BatchState> completed = sluice.readTopic(topics.batches().name(),
                topics.batches().valueSerde().deserializer(),
                s -> batchId.equals(s.getBatchId()) && s.getStatus() == BatchStatus.COMPLETED, l -> !l.isEmpty(), WITHIN);
        assertThat(completed).singleElement().satisfies(s -> {
            assertThat(s.getSource()).isEqualTo("kafka");
            assertThat(s.getCompleted()).isEqualTo(SIZE);
            assertThat(s.getFailed()).isZero();
        });
        List<AuditEvent> audited = sluice.readTopic(topics.auditRaw().name(), topics.auditRaw().valueSerde().deserializer(),
                e -> batchId.equals(e.getRequestId()) && "batch.completed".equals(e.getReason()), l -> !l.isEmpty(),
                WITHIN);
        assertThat(audited).first().satisfies(e -> assertThat(e.getDetails()).containsEntry("batch.completed", "5"));
    }
}
