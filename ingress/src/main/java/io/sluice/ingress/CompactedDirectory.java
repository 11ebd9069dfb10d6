package io.sluice.ingress;

import io.sluice.schemas.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted topic of named records (models, prompts) as this ingress knows it: read from its
 * beginning and followed on a thread of its own, so that the admin API sees every instance's
 * changes. A record's newest version is its whole state; one with an older {@code updatedAt} than
 * the one held is ignored, so the admin API's write-through ({@link #apply}) is not undone by the
 * reader catching up; a tombstone removes the record.
 */
final class CompactedDirectory<V> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CompactedDirectory.class);

    private final Map<String, V> records = new ConcurrentHashMap<>();
    private final String readerName;
    private final Topic<String, V> topic;
    private final Map<String, Object> clientProps;
    private final Function<V, String> name;
    private final Function<V, Instant> updatedAt;
    private TopicTail tail;

    CompactedDirectory(String readerName, Topic<String, V> topic, Map<String, ?> clientProps, Function<V, String> name,
            Function<V, Instant> updatedAt) {
        this.readerName = readerName;
        this.topic = topic;
        this.clientProps = Map.copyOf(clientProps);
        this.name = name;
        this.updatedAt = updatedAt;
    }

    /** Starts reading the topic from its beginning, on a thread of its own. */
    synchronized void start() {
        tail = new TopicTail(readerName, topic.name(), clientProps, () -> Instant.EPOCH,
                polled -> polled.forEach(this::read));
        tail.start();
    }

    Optional<V> get(String key) {
        return Optional.ofNullable(records.get(key));
    }

    /** Every record, by name. */
    List<V> all() {
        return records.values().stream().sorted(Comparator.comparing(name)).toList();
    }

    boolean awaitCaughtUp(Duration limit) throws InterruptedException {
        TopicTail reader;
        synchronized (this) {
            reader = tail;
        }
        return reader != null && reader.awaitCaughtUp(limit);
    }

    void apply(V record) {
        records.merge(name.apply(record), record,
                (held, newer) -> updatedAt.apply(newer).isBefore(updatedAt.apply(held)) ? held : newer);
    }

    private void read(ConsumerRecord<byte[], byte[]> record) {
        try {
            if (record.value() == null) {
                records.remove(topic.keySerde().deserializer().deserialize(record.topic(), record.key()));
                return;
            }
            apply(topic.valueSerde().deserializer().deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            log.warn("directory.unreadable_record topic={} offset={} error={}", record.topic(), record.offset(),
                    e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (tail != null) {
            tail.close();
        }
    }
}
