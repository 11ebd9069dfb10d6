package io.sluice.ingress;

import io.sluice.avro.BatchState;
import io.sluice.schemas.topic.Topic;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every batch's newest state, read from the compacted {@code batches} topic the batch coordinator
 * publishes (on each change of status, and about once a second while counts move), for
 * {@code GET /v1/batches}. A batch this instance just created is known at once; the highest
 * revision of a batch wins.
 */
final class BatchBoard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatchBoard.class);

    private final Map<String, BatchState> batches = new ConcurrentHashMap<>();
    private final Topic<String, BatchState> topic;
    private final Map<String, Object> clientProps;
    private TopicTail tail;

    BatchBoard(Topic<String, BatchState> topic, Map<String, ?> clientProps) {
        this.topic = topic;
        this.clientProps = Map.copyOf(clientProps);
    }

    synchronized void start() {
        tail = new TopicTail("sluice-ingress-batches", topic.name(), clientProps, () -> Instant.EPOCH,
                records -> records.forEach(this::apply));
        tail.start();
    }

    /** Records a state this instance produced, unless a newer one is already known. */
    void put(BatchState state) {
        batches.merge(state.getBatchId(), state, BatchBoard::newer);
    }

    Optional<BatchState> get(String batchId) {
        return Optional.ofNullable(batches.get(batchId));
    }

    /** The batches of {@code tenant}, newest first. */
    List<BatchState> list(String tenant) {
        return batches.values().stream().filter(b -> b.getTenantId().equals(tenant))
                .sorted(Comparator.comparing(BatchState::getCreatedAt).thenComparing(BatchState::getBatchId).reversed())
                .toList();
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            String id = topic.keySerde().deserializer().deserialize(record.topic(), record.key());
            if (record.value() == null) {
                batches.remove(id);
                return;
            }
            put(topic.valueSerde().deserializer().deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            log.warn("batches.unreadable_record offset={} error={}", record.offset(), e.toString());
        }
    }

    private static BatchState newer(BatchState old, BatchState fresh) {
        return fresh.getRevision() >= old.getRevision() ? fresh : old;
    }

    @Override
    public synchronized void close() {
        if (tail != null) {
            tail.close();
        }
    }
}
