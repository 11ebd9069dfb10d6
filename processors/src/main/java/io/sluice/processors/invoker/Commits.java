package io.sluice.processors.invoker;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invoker's offset commits: only offsets up to the first record not yet finished
 * ({@link Offsets#toCommit}), asynchronously on the poll loop at the commit interval, synchronously
 * when partitions are revoked or the invoker stops. Poll thread only, like the consumer.
 */
final class Commits {
    private static final Logger log = LoggerFactory.getLogger(Commits.class);

    private final Consumer<byte[], byte[]> consumer;
    private final Offsets offsets;
    private final long commitIntervalNanos;
    private long lastCommitNanos;

    Commits(Consumer<byte[], byte[]> consumer, Offsets offsets, Duration commitInterval) {
        this.consumer = consumer;
        this.offsets = offsets;
        this.commitIntervalNanos = commitInterval.toNanos();
        this.lastCommitNanos = System.nanoTime() - commitIntervalNanos;
    }

    /** Commits what is finished asynchronously, at most once per commit interval; a failed commit is given back to the offsets. */
    void commitIfDue() {
        long now = System.nanoTime();
        if (now - lastCommitNanos < commitIntervalNanos) {
            return;
        }
        lastCommitNanos = now;
        Map<TopicPartition, OffsetAndMetadata> commits = offsets.toCommit();
        if (commits.isEmpty()) {
            return;
        }
        consumer.commitAsync(commits, (committed, error) -> {
            if (error != null) {
                log.warn("invoker commit failed partitions={} error={}", commits.keySet(), error.toString());
                offsets.commitFailed(commits);
            }
        });
    }

    /** Commits what is finished now (before partitions go or the invoker stops); a wakeup meant for poll is retried once. */
    void commitSync() {
        Map<TopicPartition, OffsetAndMetadata> commits = offsets.toCommit();
        if (commits.isEmpty()) {
            return;
        }
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                consumer.commitSync(commits);
                return;
            } catch (WakeupException e) {
                // a wakeup meant for poll; try again
            } catch (KafkaException e) {
                log.warn("invoker commit failed partitions={} error={}", commits.keySet(), e.toString());
                break;
            }
        }
        offsets.commitFailed(commits);
    }
}
