package io.sluice.processors.invoker;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invoker's Kafka clients: the consumer of invocations, the durable producer of what must not
 * be lost (responses, audit events, dead letters), and the producer of replies, whose sends may
 * block the poll thread only briefly.
 */
record InvokerClients(
        Consumer<byte[], byte[]> consumer,
        Producer<byte[], byte[]> producer,
        Producer<byte[], byte[]> replyProducer,
        Consumer<byte[], byte[]> controlConsumer) {
    private static final Logger log = LoggerFactory.getLogger(InvokerClients.class);

    /** Clients without a reader of the control topics: circuit states stay this instance's own, cancels unheard. */
    InvokerClients(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
            Producer<byte[], byte[]> replyProducer) {
        this(consumer, producer, replyProducer, null);
    }

    /** Creates the four clients; if one cannot be created, closes those that were. */
    static InvokerClients open(InvokerSettings settings, Map<String, ?> common) {
        Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientProps.consumer(settings, common),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Producer<byte[], byte[]> producer = null;
        Producer<byte[], byte[]> replyProducer = null;
        try {
            producer = newProducer(ClientProps.producer(settings, common));
            replyProducer = newProducer(ClientProps.replyProducer(settings, common));
            return new InvokerClients(consumer, producer, replyProducer, new KafkaConsumer<>(
                    ClientProps.controlConsumer(common), new ByteArrayDeserializer(), new ByteArrayDeserializer()));
        } catch (RuntimeException e) {
            consumer.close();
            if (producer != null) {
                producer.close(Duration.ZERO);
            }
            if (replyProducer != null) {
                replyProducer.close(Duration.ZERO);
            }
            throw e;
        }
    }

    /** The consumer first: leaving the group revokes partitions, and answers that arrive then still produce. */
    void close(Duration timeout) {
        closeQuietly("consumer", () -> consumer.close());
        closeQuietly("producer", () -> producer.close(timeout));
        closeQuietly("reply producer", () -> replyProducer.close(timeout));
    }

    private static Producer<byte[], byte[]> newProducer(Map<String, Object> props) {
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void closeQuietly(String client, Runnable close) {
        try {
            close.run();
        } catch (RuntimeException e) {
            log.warn("invoker client close failed client={} error={}", client, e.toString());
        }
    }
}
