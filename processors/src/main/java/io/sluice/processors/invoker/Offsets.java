package io.sluice.processors.invoker;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link OffsetTracker}s of the assigned partitions. A revoked partition's tracker is dropped:
 * calls still in flight on it finish against the old tracker and can no longer move a commit.
 * Used by the poll thread only.
 */
final class Offsets {
    private static final Logger log = LoggerFactory.getLogger(Offsets.class);

    private final Map<TopicPartition, OffsetTracker> trackers = new HashMap<>();

    void assign(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> trackers.putIfAbsent(partition, new OffsetTracker()));
    }

    void remove(Collection<TopicPartition> partitions) {
        partitions.forEach(trackers::remove);
    }

    /**
     * Tracks a delivered record and returns the tracker to finish it on. A record at or before one
     * already tracked means the position moved back; tracking starts afresh from it.
     */
    OffsetTracker track(TopicPartition partition, long offset) {
        OffsetTracker tracker = trackers.computeIfAbsent(partition, p -> new OffsetTracker());
        if (!tracker.track(offset)) {
            log.warn("invoker position moved back partition={} offset={}", partition, offset);
            tracker = new OffsetTracker();
            tracker.track(offset);
            trackers.put(partition, tracker);
        }
        return tracker;
    }

    /** The offsets to commit now (only those that advanced), noted as being committed. */
    Map<TopicPartition, OffsetAndMetadata> toCommit() {
        var commits = new HashMap<TopicPartition, OffsetAndMetadata>();
        trackers.forEach((partition, tracker) -> {
            OptionalLong offset = tracker.toCommit();
            if (offset.isPresent()) {
                tracker.committing(offset.getAsLong());
                commits.put(partition, new OffsetAndMetadata(offset.getAsLong()));
            }
        });
        return commits;
    }

    void commitFailed(Map<TopicPartition, OffsetAndMetadata> commits) {
        commits.forEach((partition, offset) -> {
            OffsetTracker tracker = trackers.get(partition);
            if (tracker != null) {
                tracker.commitFailed(offset.offset());
            }
        });
    }
}
