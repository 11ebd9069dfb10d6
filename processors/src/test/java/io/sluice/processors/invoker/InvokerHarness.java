package io.sluice.processors.invoker;

import static io.sluice.processors.provider.TestRequests.deployment;
import static org.assertj.core.api.Assertions.fail;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.avro.AiReply;
import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.Invocation;
import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderFactory;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.Providers;
import io.sluice.processors.provider.StreamSink;
import io.sluice.processors.provider.mock.MockProviderFactory;
import io.sluice.schemas.registry.InMemorySchemaStore;
import io.sluice.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An invoker against Kafka's mock clients, with the mock provider (deployment {@code local}) and a
 * provider whose calls the test completes by hand (deployment {@code manual}). A stepped harness
 * runs the invoker's loop on the test's thread, one {@link #turn()} at a time, committing on every
 * turn, so that what did not happen is as certain as what did; a threaded one runs it on its own
 * thread, for what only the thread does (close, stopping on failure).
 */
final class InvokerHarness implements AutoCloseable {
    static final String TOPIC = "sluice.invocations";
    static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    static final TopicPartition BATCH0 = new TopicPartition("sluice.invocations.batch", 0);
    static final TopicPartition BATCH1 = new TopicPartition("sluice.invocations.batch", 1);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:06Z"), ZoneOffset.UTC);
    static final int MAX_RECORD_BYTES = 1 << 20;
    /** One attempt per request: the tests of the loop see each provider answer as the final one. */
    static final ResiliencePolicy NO_RETRIES = new ResiliencePolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, 5,
            Duration.ofSeconds(30));

    final Topics topics = new Topics("sluice.", new InMemorySchemaStore());
    final RecordingConsumer consumer = new RecordingConsumer();
    final MockProducer<byte[], byte[]> producer;
    final MockProducer<byte[], byte[]> replyProducer;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ManualProvider manual = new ManualProvider();
    final Providers providers = Providers.load(
            List.of(deployment("local", "mock"), deployment("manual", "manual")),
            ProviderContext.create(CLOCK), List.of(new MockProviderFactory(), manual.factory()));
    final Invoker invoker;

    private InvokerHarness(int maxInFlight, boolean autoAck, Duration shutdownTimeout) {
        this(maxInFlight, autoAck, shutdownTimeout, NO_RETRIES);
    }

    private InvokerHarness(int maxInFlight, boolean autoAck, Duration shutdownTimeout, ResiliencePolicy policy) {
        this(new InvokerSettings("test-invoker", maxInFlight, shutdownTimeout, MAX_RECORD_BYTES, policy), autoAck, CLOCK);
    }

    private InvokerHarness(InvokerSettings settings, boolean autoAck, Clock clock) {
        producer = new MockProducer<>(autoAck, null, new ByteArraySerializer(), new ByteArraySerializer());
        replyProducer = new MockProducer<>(autoAck, null, new ByteArraySerializer(), new ByteArraySerializer());
        invoker = new Invoker(settings, topics, new InvokerClients(consumer, producer, replyProducer), providers, meters,
                clock, Duration.ZERO);
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L, BATCH0, 0L, BATCH1, 0L));
    }

    /** A stepped harness whose invoker schedules batch work by {@code batch}, on {@code clock}. */
    static InvokerHarness stepped(int maxInFlight, BatchSchedule batch, Clock clock, TopicPartition... partitions) {
        var harness = new InvokerHarness(new InvokerSettings("test-invoker", maxInFlight, Duration.ofSeconds(10),
                MAX_RECORD_BYTES, NO_RETRIES, batch), true, clock);
        harness.invoker.subscribe();
        harness.consumer.rebalance(List.of(partitions));
        return harness;
    }

    /** The loop runs on the test's thread, turn by turn; the invoker holds {@code partitions}. */
    static InvokerHarness stepped(int maxInFlight, boolean autoAck, Duration shutdownTimeout,
            TopicPartition... partitions) {
        var harness = new InvokerHarness(maxInFlight, autoAck, shutdownTimeout);
        harness.invoker.subscribe();
        harness.consumer.rebalance(List.of(partitions));
        return harness;
    }

    /** A stepped harness whose invoker retries and falls back by {@code policy}. */
    static InvokerHarness stepped(ResiliencePolicy policy, TopicPartition... partitions) {
        var harness = new InvokerHarness(16, true, Duration.ofSeconds(10), policy);
        harness.invoker.subscribe();
        harness.consumer.rebalance(List.of(partitions));
        return harness;
    }

    /** The loop runs on the invoker's thread, which holds {@code P0} once this returns. */
    static InvokerHarness threaded(int maxInFlight, boolean autoAck) {
        var harness = new InvokerHarness(maxInFlight, autoAck, Duration.ofSeconds(10));
        harness.consumer.schedulePollTask(() -> harness.consumer.rebalance(List.of(P0)));
        harness.invoker.start();
        await("partition assigned", () -> !harness.consumer.assignment().isEmpty());
        return harness;
    }

    @Override
    public void close() {
        invoker.close();
        providers.close();
    }

    /** One turn of the invoker's loop: mailbox, queued jobs, backpressure, commit, poll. */
    void turn() {
        invoker.runOnce();
    }

    void turns(int count) {
        for (int i = 0; i < count; i++) {
            turn();
        }
    }

    void add(TopicPartition partition, long offset, Invocation invocation) {
        add(partition, offset, topics.invocations().valueSerde().serializer().serialize(partition.topic(), invocation));
    }

    /** Invocations {@code req-1} to {@code req-<count>} of the hand-driven provider, at offsets 0 to count - 1. */
    void addManualCalls(TopicPartition partition, int count) {
        for (int i = 0; i < count; i++) {
            add(partition, i, TestInvocations.invocation("req-" + (i + 1), "manual", "m"));
        }
    }

    void add(TopicPartition partition, long offset, byte[] value) {
        consumer.addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(), offset,
                "acme".getBytes(StandardCharsets.UTF_8), value));
    }

    /** Acknowledges every produce so far, on both producers. */
    void acknowledgeAll() {
        while (producer.completeNext()) {
            // next
        }
        while (replyProducer.completeNext()) {
            // next
        }
    }

    List<ProducerRecord<byte[], byte[]>> sent(String topic) {
        return producer.history().stream().filter(record -> record.topic().equals(topic)).toList();
    }

    List<AiResponse> responses() {
        return sent("sluice.responses").stream()
                .map(record -> topics.responses().valueSerde().deserializer().deserialize(record.topic(), record.value()))
                .toList();
    }

    AiResponse response(String requestId) {
        return responses().stream().filter(response -> response.getRequestId().equals(requestId)).findFirst()
                .orElseThrow();
    }

    /** Everything the reply producer sent, in order. */
    List<AiReply> replies() {
        return replyProducer.history().stream()
                .map(record -> topics.replies().valueSerde().deserializer().deserialize(record.topic(), record.value()))
                .toList();
    }

    List<AuditEvent> audits() {
        return sent("sluice.audit.raw").stream()
                .map(record -> topics.auditRaw().valueSerde().deserializer().deserialize(record.topic(), record.value()))
                .toList();
    }

    /** The last offset committed for the partition, or -1. */
    long committed(TopicPartition partition) {
        OffsetAndMetadata offset = consumer.lastCommitted.get(partition);
        return offset == null ? -1 : offset.offset();
    }

    static void await(String what, BooleanSupplier condition) {
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

    /**
     * Kafka's mock consumer, remembering commits past close, napping on empty polls instead of
     * spinning, and signalling when a revocation begins.
     */
    static final class RecordingConsumer extends MockConsumer<byte[], byte[]> {
        final Map<TopicPartition, OffsetAndMetadata> lastCommitted = new ConcurrentHashMap<>();
        final CountDownLatch revoking = new CountDownLatch(1);

        RecordingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
            super.subscribe(topics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    revoking.countDown();
                    listener.onPartitionsRevoked(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    listener.onPartitionsAssigned(partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    listener.onPartitionsLost(partitions);
                }
            });
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

    /** A provider whose calls the test completes, and whose streams it feeds, by hand. */
    static final class ManualProvider implements Provider {
        /** One call; {@code sink} is null unless the call streams. */
        record Pending(ProviderCall call, CompletableFuture<ProviderResult> future, StreamSink sink) {}

        final List<Pending> calls = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<ProviderResult> complete(ProviderCall call) {
            var future = new CompletableFuture<ProviderResult>();
            calls.add(new Pending(call, future, null));
            return future;
        }

        @Override
        public CompletableFuture<ProviderResult> stream(ProviderCall call, StreamSink sink) {
            var future = new CompletableFuture<ProviderResult>();
            calls.add(new Pending(call, future, sink));
            return future;
        }

        /** Completes call {@code index} with an empty completion. */
        void answer(int index) {
            calls.get(index).future().complete(new ProviderResult.Completion("m", null, List.of(), null));
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
