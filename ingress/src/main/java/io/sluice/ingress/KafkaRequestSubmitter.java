package io.sluice.ingress;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiRequest;
import io.sluice.avro.Cancellation;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces requests to the {@code requests} topic (keyed by tenant, acks=all, idempotent) and
 * completes them from the {@link ReplyListener}. A request is registered as pending before it
 * is sent, so a reply can never overtake its own registration. Schemas are registered before
 * this starts ({@code Topics.registerSchemas()}), so serializing never waits for the network.
 */
final class KafkaRequestSubmitter implements RequestSubmitter, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaRequestSubmitter.class);
    private static final Duration METADATA_POLL = Duration.ofMillis(500);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Producer<String, AiRequest> producer;
    private final String requestsTopic;
    private final PendingReplies pending;
    private final ReplyListener listener;
    private final Producer<String, Cancellation> cancels;
    private final String cancelsTopic;
    private final Clock clock;

    KafkaRequestSubmitter(Producer<String, AiRequest> producer, String requestsTopic, PendingReplies pending,
                          ReplyListener listener) {
        this(producer, requestsTopic, pending, listener, null, null, Clock.systemUTC());
    }

    /**
     * @param cancels      where a request whose requester went away is announced to the invokers,
     *                     or null to let such calls run to their end
     * @param cancelsTopic the {@code cancels} topic
     */
    KafkaRequestSubmitter(Producer<String, AiRequest> producer, String requestsTopic, PendingReplies pending,
                          ReplyListener listener, Producer<String, Cancellation> cancels, String cancelsTopic,
                          Clock clock) {
        this.producer = producer;
        this.requestsTopic = requestsTopic;
        this.pending = pending;
        this.listener = listener;
        this.cancels = cancels;
        this.cancelsTopic = cancelsTopic;
        this.clock = clock;
    }

    /**
     * Connects to Kafka: waits for both topics' metadata, picks the reply partition, positions the
     * listener at its end and starts it. Everything that could block happens here, not on an
     * event loop.
     *
     * @throws IllegalStateException    when a topic is unknown within {@code timeout}
     * @throws IllegalArgumentException when {@code settings.replyPartition()} does not exist
     */
    static KafkaRequestSubmitter connect(Topics topics, Map<String, Object> clientProps, IngressSettings settings,
                                         Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Topic<String, AiRequest> requests = topics.requests();
        Producer<String, AiRequest> producer = new KafkaProducer<>(
                KafkaClientConfigs.producer(clientProps, settings.maxBodyBytes()),
                requests.keySerde().serializer(), requests.valueSerde().serializer());
        Consumer<byte[], byte[]> consumer = null;
        try {
            awaitPartitions(requests.name(), () -> producer.partitionsFor(requests.name()), deadline);
            consumer = new KafkaConsumer<>(KafkaClientConfigs.replyConsumer(clientProps));
            Consumer<byte[], byte[]> c = consumer;
            String replies = topics.replies().name();
            int count = awaitPartitions(replies, () -> c.partitionsFor(replies, METADATA_POLL), deadline);
            int partition = choosePartition(settings.replyPartition(), count, replies);
            var pending = new PendingReplies();
            var listener = new ReplyListener(consumer, new TopicPartition(replies, partition),
                    topics.replies().valueSerde().deserializer(), pending);
            listener.positionAtEnd(remaining(deadline));
            listener.start();
            Topic<String, Cancellation> cancels = topics.cancels();
            Producer<String, Cancellation> cancelProducer = new KafkaProducer<>(
                    KafkaClientConfigs.producer(clientProps, 1024), cancels.keySerde().serializer(),
                    cancels.valueSerde().serializer());
            return new KafkaRequestSubmitter(producer, requests.name(), pending, listener, cancelProducer,
                    cancels.name(), Clock.systemUTC());
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            if (consumer != null) {
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ZERO));
            }
            throw e;
        }
    }

    static int choosePartition(Integer requested, int count, String topic) {
        if (requested == null) {
            return ThreadLocalRandom.current().nextInt(count);
        }
        if (requested >= count) {
            throw new IllegalArgumentException("ingress.reply-partition " + requested + " does not exist: topic "
                    + topic + " has " + count + " partitions");
        }
        return requested;
    }

    private static int awaitPartitions(String topic, Supplier<List<PartitionInfo>> lookup, long deadline) {
        while (true) {
            try {
                List<PartitionInfo> partitions = lookup.get();
                if (partitions != null && !partitions.isEmpty()) {
                    return partitions.size();
                }
            } catch (TimeoutException e) {
                log.debug("kafka.metadata_pending topic={}", topic);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("topic " + topic + " is not available; is Kafka reachable and the topic created?");
            }
            sleepBriefly();
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(deadline - System.nanoTime(), METADATA_POLL.toNanos()));
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(METADATA_POLL.toMillis() / 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka metadata", e);
        }
    }

    int replyPartition() {
        return listener.partition().partition();
    }

    boolean listening() {
        return listener.isRunning();
    }

    @Override
    public CompletableFuture<AiReply> submit(AiRequest request, java.util.function.Consumer<AiReply> chunks) {
        String id = request.getRequestId();
        String tenant = request.getTenantId();
        CompletableFuture<AiReply> reply = pending.register(id, chunks);
        try {
            producer.send(new ProducerRecord<>(requestsTopic, tenant, request), (metadata, error) -> {
                if (error != null) {
                    log.warn("request.not_accepted request_id={} tenant={} error={}", id, tenant, error.toString());
                    pending.fail(id, notAccepted("the requests topic did not acknowledge", error));
                } else {
                    log.debug("request.accepted request_id={} tenant={} partition={} offset={}", id, tenant,
                            metadata.partition(), metadata.offset());
                }
            });
        } catch (RuntimeException e) {
            log.warn("request.not_sent request_id={} tenant={} error={}", id, tenant, e.toString());
            pending.fail(id, notAccepted("cannot send to the requests topic", e));
        }
        return reply;
    }

    /**
     * A record too large for the producer or the broker is the client's to fix (413); anything
     * else is Kafka being unavailable for now (503, retry).
     */
    private static SubmitException notAccepted(String message, Exception error) {
        if (error instanceof RecordTooLargeException) {
            return new SubmitException("the request is larger than the requests topic accepts", error,
                    ApiError.recordTooLarge());
        }
        return new SubmitException(message, error);
    }

    /** Answers every request still waiting with 503 shutting_down; new ones may still be submitted. */
    void failPending() {
        pending.failAll(new SubmitException("the ingress is shutting down", null, ApiError.shuttingDown()));
    }

    /**
     * Forgets the request and, if it was still waiting, tells the invokers through the
     * {@code cancels} topic so that the provider call is aborted and only what was used is billed.
     * The send never blocks an event loop for long ({@code max.block.ms}) and a failed one is only
     * logged: the call then runs to its end, which costs money but loses nothing.
     */
    @Override
    public void cancel(String requestId, String reason) {
        if (!pending.cancel(requestId) || cancels == null) {
            return;
        }
        var cancellation = new Cancellation(requestId, reason, clock.instant());
        try {
            cancels.send(new ProducerRecord<>(cancelsTopic, requestId, cancellation), (metadata, error) -> {
                if (error != null) {
                    log.warn("cancel.not_sent request_id={} reason={} error={}", requestId, reason, error.toString());
                }
            });
        } catch (RuntimeException e) {
            log.warn("cancel.not_sent request_id={} reason={} error={}", requestId, reason, e.toString());
        }
    }

    @Override
    public void close() {
        listener.close();
        producer.close(CLOSE_TIMEOUT);
        if (cancels != null) {
            cancels.close(CLOSE_TIMEOUT);
        }
        failPending();
    }
}
