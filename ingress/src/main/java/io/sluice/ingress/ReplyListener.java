package io.sluice.ingress;

import io.sluice.avro.AiReply;
import io.sluice.avro.ReplyKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this ingress's partition of the replies topic on its own thread, hands CHUNK replies to
 * the request waiting for them and completes it with its FINAL reply. Assign-only (no consumer group, no commits): it starts from
 * the end at start-up, and replies for ids it does not know (another instance sharing the
 * partition, or a request that already timed out) are skipped.
 */
final class ReplyListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplyListener.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final Deserializer<AiReply> deserializer;
    private final PendingReplies pending;
    private final Thread thread;
    private volatile boolean running;

    ReplyListener(Consumer<byte[], byte[]> consumer, TopicPartition partition, Deserializer<AiReply> deserializer,
                  PendingReplies pending) {
        this.consumer = consumer;
        this.partition = partition;
        this.deserializer = deserializer;
        this.pending = pending;
        this.thread = new Thread(this::run, "sluice-ingress-replies-" + partition.partition());
        this.thread.setDaemon(true);
    }

    /** Assigns the partition and resolves its end offset, so no reply produced after this call is missed. */
    void positionAtEnd(Duration timeout) {
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        long offset = consumer.position(partition, timeout);
        log.info("replies.positioned topic={} partition={} offset={}", partition.topic(), partition.partition(), offset);
    }

    void start() {
        running = true;
        thread.start();
    }

    boolean isRunning() {
        return running && thread.isAlive();
    }

    TopicPartition partition() {
        return partition;
    }

    private void run() {
        try {
            while (running) {
                pollOnce();
            }
        } finally {
            try {
                consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
            } catch (RuntimeException e) {
                log.warn("replies.close_failed partition={} error={}", partition.partition(), e.toString());
            }
        }
    }

    private void pollOnce() {
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(POLL_TIMEOUT);
        } catch (WakeupException e) {
            return;
        } catch (KafkaException e) {
            log.warn("replies.poll_failed partition={} error={}", partition.partition(), e.toString());
            backOff();
            return;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            handle(record);
        }
    }

    /** Passes a reply to the pending request it answers; anything else is logged and skipped. */
    void handle(ConsumerRecord<byte[], byte[]> record) {
        AiReply reply;
        try {
            reply = deserializer.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            log.warn("replies.undecodable partition={} offset={} error={}", record.partition(), record.offset(),
                    e.toString());
            return;
        }
        if (reply == null) {
            return;
        }
        boolean known = reply.getKind() == ReplyKind.CHUNK
                ? pending.chunk(reply.getRequestId(), reply)
                : pending.complete(reply.getRequestId(), reply);
        if (!known) {
            log.debug("replies.unknown request_id={} kind={} offset={}", reply.getRequestId(), reply.getKind(),
                    record.offset());
        }
    }

    private void backOff() {
        try {
            TimeUnit.MILLISECONDS.sleep(ERROR_BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops the thread and closes the consumer. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        if (thread.isAlive() && thread != Thread.currentThread()) {
            try {
                thread.join(CLOSE_TIMEOUT.toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        }
    }
}
