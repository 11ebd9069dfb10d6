package io.sluice.processors.invoker;

import static io.sluice.processors.invoker.TestInvocations.invocation;
import static io.sluice.processors.provider.TestRequests.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.avro.AiReply;
import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.Invocation;
import io.sluice.avro.ResponseStatus;
import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderFactory;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.Providers;
import io.sluice.processors.provider.mock.MockProviderFactory;
import io.sluice.schemas.registry.InMemorySchemaStore;
import io.sluice.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The invoker's loop against Kafka's mock clients, with the mock provider and a hand-driven one. */
class InvokerTest {
    private static final String TOPIC = "sluice.invocations";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:06Z"), ZoneOffset.UTC);

    private final Topics topics = new Topics("sluice.", new InMemorySchemaStore());
    private final RecordingConsumer consumer = new RecordingConsumer();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ManualProvider manual = new ManualProvider();
    private final Providers providers = Providers.load(
            List.of(deployment("local", "mock"), deployment("manual", "manual")),
            ProviderContext.create(CLOCK), List.of(new MockProviderFactory(), manual.factory()));
    private MockProducer<byte[], byte[]> producer;
    private Invoker invoker;

    @AfterEach
    void tearDown() {
        if (invoker != null) {
            invoker.close();
        }
        providers.close();
    }

    private void start(int maxInFlight, boolean autoAck) {
        producer = new MockProducer<>(autoAck, null, new ByteArraySerializer(), new ByteArraySerializer());
        invoker = new Invoker(new InvokerSettings("test-invoker", maxInFlight, Duration.ofSeconds(10)), topics,
                consumer, producer, providers, meters, CLOCK);
        consumer.schedulePollTask(() -> {
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            consumer.rebalance(List.of(P0));
        });
        invoker.start();
        await("partition assigned", () -> !consumer.assignment().isEmpty());
    }

    private void add(long offset, Invocation invocation) {
        add(offset, topics.invocations().valueSerde().serializer().serialize(TOPIC, invocation));
    }

    private void add(long offset, byte[] value) {
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, "acme".getBytes(StandardCharsets.UTF_8), value));
    }

    private List<ProducerRecord<byte[], byte[]>> sent(String topic) {
        return producer.history().stream().filter(record -> record.topic().equals(topic)).toList();
    }

    private List<AiResponse> responses() {
        return sent("sluice.responses").stream()
                .map(record -> topics.responses().valueSerde().deserializer().deserialize(record.topic(),
                        record.value()))
                .toList();
    }

    private AiResponse response(String requestId) {
        return responses().stream().filter(response -> response.getRequestId().equals(requestId)).findFirst()
                .orElseThrow();
    }

    private List<AuditEvent> audits() {
        return sent("sluice.audit").stream()
                .map(record -> topics.audit().valueSerde().deserializer().deserialize(record.topic(), record.value()))
                .toList();
    }

    private long committed() {
        OffsetAndMetadata offset = consumer.lastCommitted.get(P0);
        return offset == null ? -1 : offset.offset();
    }

    private double inFlight() {
        return meters.get(InvokerMetrics.IN_FLIGHT).gauge().value();
    }

    @Test
    void answersAnInvocationWithResponseReplyAndAuditAndCommitsOnceAllAreAcknowledged() {
        start(16, false);

        add(0, invocation("req-1", "local", "mock-echo"));

        await("four records produced", () -> producer.history().size() == 4);
        assertThat(producer.history()).extracting(ProducerRecord::topic)
                .containsExactly("sluice.audit", "sluice.responses", "sluice.replies", "sluice.audit");
        AiResponse response = response("req-1");
        assertThat(response.getStatus()).isEqualTo(ResponseStatus.SUCCESS);
        assertThat(response.getChoices().get(0).getMessage().getContent()).isEqualTo("what is the time");
        assertThat(response.getTimings().getCompletedAt()).isEqualTo(CLOCK.instant());
        assertThat(new String(sent("sluice.responses").get(0).key(), StandardCharsets.UTF_8)).isEqualTo("acme");

        ProducerRecord<byte[], byte[]> replyRecord = sent("sluice.replies").get(0);
        assertThat(replyRecord.partition()).isEqualTo(2);
        assertThat(new String(replyRecord.key(), StandardCharsets.UTF_8)).isEqualTo("req-1");
        AiReply reply = topics.replies().valueSerde().deserializer().deserialize("sluice.replies", replyRecord.value());
        assertThat(reply.getResponse()).isEqualTo(response);

        assertThat(audits()).extracting(AuditEvent::getEventId, AuditEvent::getAction, AuditEvent::getOutcome)
                .containsExactly(
                        tuple("req-1:INVOKED", AuditAction.INVOKED, false),
                        tuple("req-1:RESPONDED", AuditAction.RESPONDED, true));
        assertThat(committed()).as("nothing is acknowledged yet").isEqualTo(-1);

        while (producer.completeNext()) {
            // acknowledge every produce
        }

        await("offset 1 committed", () -> committed() == 1);
        assertThat(inFlight()).isZero();
        assertThat(meters.get(InvokerMetrics.CALLS).tag(InvokerMetrics.TAG_PROVIDER, "mock")
                .tag(InvokerMetrics.TAG_OUTCOME, "success").counter().count()).isEqualTo(1);
        assertThat(meters.get(InvokerMetrics.OPERATION_DURATION).tag(InvokerMetrics.GEN_AI_REQUEST_MODEL, "mock-echo")
                .tag(InvokerMetrics.ERROR_TYPE, InvokerMetrics.NO_ERROR).timer().count()).isEqualTo(1);
    }

    @Test
    void providerErrorsBecomeErrorResponsesAndStillCommit() {
        start(16, true);

        add(0, invocation("req-1", "local", "mock-error-429"));
        add(1, invocation("req-2", "local", "mock-error-503"));

        await("offset 2 committed", () -> committed() == 2);
        AiResponse limited = response("req-1");
        assertThat(limited.getStatus()).isEqualTo(ResponseStatus.ERROR);
        assertThat(limited.getError().getHttpStatus()).isEqualTo(429);
        assertThat(limited.getError().getRetryAfterSeconds()).isEqualTo(1L);
        assertThat(response("req-2").getError().getType()).isEqualTo("upstream_error");
        assertThat(audits()).filteredOn(AuditEvent::getOutcome).extracting(AuditEvent::getReason)
                .containsExactlyInAnyOrder("rate_limit_exceeded", "upstream_error");
        assertThat(meters.get(InvokerMetrics.CALLS).tag(InvokerMetrics.TAG_OUTCOME, "error").counter().count())
                .isEqualTo(2);
    }

    @Test
    void commitsNothingPastARecordThatIsStillInFlight() throws InterruptedException {
        start(16, true);
        add(0, invocation("req-1", "manual", "m"));
        add(1, invocation("req-2", "manual", "m"));
        await("two calls started", () -> manual.calls.size() == 2);

        manual.calls.get(1).future().complete(manual.echo());
        await("req-2 finished", () -> inFlight() == 1);
        TimeUnit.MILLISECONDS.sleep(300); // give a wrong commit the chance to happen
        assertThat(committed()).as("offset 0 is unfinished").isEqualTo(-1);
        assertThat(responses()).extracting(AiResponse::getRequestId).containsExactly("req-2");

        manual.calls.get(0).future().complete(manual.echo());
        await("offset 2 committed", () -> committed() == 2);
    }

    @Test
    void pausesAtMaxInFlightAndResumesBelowIt() throws InterruptedException {
        start(1, true);
        add(0, invocation("req-1", "manual", "m"));
        add(1, invocation("req-2", "manual", "m"));
        add(2, invocation("req-3", "manual", "m"));

        await("consumption paused", () -> consumer.paused().contains(P0));
        TimeUnit.MILLISECONDS.sleep(200); // give a wrong start the chance to happen
        assertThat(manual.calls).hasSize(1);

        manual.calls.get(0).future().complete(manual.echo());
        await("second call started", () -> manual.calls.size() == 2);
        manual.calls.get(1).future().complete(manual.echo());
        await("third call started", () -> manual.calls.size() == 3);
        manual.calls.get(2).future().complete(manual.echo());

        await("offset 3 committed", () -> committed() == 3);
        await("consumption resumed", () -> consumer.paused().isEmpty());
    }

    @Test
    void poisonRecordsAreSkippedCountedAndCommittedPast() {
        start(16, true);

        add(0, "not avro".getBytes(StandardCharsets.UTF_8));
        add(1, (byte[]) null);
        add(2, invocation("req-1", "local", "mock-echo"));

        await("offset 3 committed", () -> committed() == 3);
        assertThat(responses()).extracting(AiResponse::getRequestId).containsExactly("req-1");
        assertThat(meters.get(InvokerMetrics.POISON_RECORDS).counter().count()).isEqualTo(2);
        assertThat(invoker.isRunning()).isTrue();
    }

    @Test
    void unknownDeploymentsAndBrokenProvidersBecomeErrorResponsesNotLostRecords() {
        start(16, true);

        add(0, invocation("req-1", "nowhere", "m"));
        add(1, invocation("req-2", "manual", "m"));
        await("call started", () -> manual.calls.size() == 1);
        manual.calls.get(0).future().completeExceptionally(new IllegalStateException("provider bug"));

        await("offset 2 committed", () -> committed() == 2);
        assertThat(response("req-1").getError())
                .satisfies(error -> assertThat(error.getHttpStatus()).isEqualTo(500))
                .satisfies(error -> assertThat(error.getCode()).isEqualTo("deployment_not_configured"));
        assertThat(response("req-2").getError())
                .satisfies(error -> assertThat(error.getHttpStatus()).isEqualTo(500))
                .satisfies(error -> assertThat(error.getType()).isEqualTo("server_error"));
    }

    @Test
    void aFailedProduceStopsTheInvokerWithoutCommittingTheRecord() {
        start(16, false);
        add(0, invocation("req-1", "local", "mock-echo"));
        await("four records produced", () -> producer.history().size() == 4);

        producer.errorNext(new KafkaException("broker gone"));
        while (producer.completeNext()) {
            // acknowledge the rest
        }

        await("invoker stopped", () -> !invoker.isRunning());
        assertThat(invoker.failure()).get().extracting(Throwable::getMessage).isEqualTo("broker gone");
        assertThat(committed()).isEqualTo(-1);
    }

    @Test
    void anUndeliverableReplyIsGivenUpWithoutStoppingTheInvoker() {
        start(16, false);
        add(0, invocation("req-1", "local", "mock-echo"));
        await("four records produced", () -> producer.history().size() == 4);

        producer.completeNext(); // INVOKED
        producer.completeNext(); // response
        producer.errorNext(new KafkaException("no such reply topic"));
        producer.completeNext(); // RESPONDED

        await("offset 1 committed", () -> committed() == 1);
        assertThat(invoker.isRunning()).isTrue();
    }

    @Test
    void closeWaitsForCallsInFlightAndCommitsThem() throws InterruptedException {
        start(16, true);
        add(0, invocation("req-1", "manual", "m"));
        await("call started", () -> manual.calls.size() == 1);

        var closing = new Thread(invoker::close);
        closing.start();
        await("polling stopped", () -> !invoker.isRunning());
        manual.calls.get(0).future().complete(manual.echo());
        closing.join(TimeUnit.SECONDS.toMillis(20));

        assertThat(closing.isAlive()).isFalse();
        assertThat(responses()).extracting(AiResponse::getRequestId).containsExactly("req-1");
        assertThat(committed()).isEqualTo(1);
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void revocationCommitsFinishedWorkAndCallsInFlightStillAnswer() {
        start(16, true);
        add(0, invocation("req-1", "local", "mock-echo"));
        add(1, invocation("req-2", "manual", "m"));
        await("call started", () -> manual.calls.size() == 1);
        await("req-1 answered", () -> inFlight() == 1);

        consumer.schedulePollTask(() -> consumer.rebalance(List.of()));
        await("partition revoked", () -> consumer.assignment().isEmpty());
        assertThat(committed()).isEqualTo(1);

        manual.calls.get(0).future().complete(manual.echo());
        await("req-2 answered", () -> responses().size() == 2);
        assertThat(committed()).as("the partition is gone; its new owner repeats req-2").isEqualTo(1);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** Kafka's mock consumer, remembering commits past close and napping on empty polls instead of spinning. */
    private static final class RecordingConsumer extends MockConsumer<byte[], byte[]> {
        final Map<TopicPartition, OffsetAndMetadata> lastCommitted = new ConcurrentHashMap<>();

        RecordingConsumer() {
            super("earliest");
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
            if (records.isEmpty() && !timeout.isZero()) {
                try {
                    TimeUnit.MILLISECONDS.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return records;
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            super.commitSync(offsets);
            lastCommitted.putAll(offsets);
        }

        @Override
        public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                OffsetCommitCallback callback) {
            super.commitAsync(offsets, callback);
            lastCommitted.putAll(offsets);
        }
    }

    /** A provider whose calls the test completes by hand. */
    private static final class ManualProvider implements Provider {
        record Pending(ProviderCall call, CompletableFuture<ProviderResult> future) {}

        final List<Pending> calls = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<ProviderResult> complete(ProviderCall call) {
            var future = new CompletableFuture<ProviderResult>();
            calls.add(new Pending(call, future));
            return future;
        }

        ProviderResult echo() {
            return new ProviderResult.Completion("m", null, List.of(), null);
        }

        ProviderFactory factory() {
            ManualProvider self = this;
            return new ProviderFactory() {
                @Override
                public String type() {
                    return "manual";
                }

                @Override
                public Provider create(DeploymentSettings settings, ProviderContext context) {
                    return self;
                }
            };
        }
    }
}
