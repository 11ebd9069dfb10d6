package io.sluice.ingress;

import io.sluice.avro.PromptRecord;
import io.sluice.schemas.topic.Topic;
import java.time.Duration;
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
 * The published prompts as this ingress knows them: the compacted {@code prompts} topic read from
 * its beginning and followed, so that the admin API sees every instance's publications and label
 * moves. A prompt's newest record is its whole state; one with an older {@code updatedAt} than the
 * one held is ignored, so the admin API's write-through ({@link #apply}) is not undone by the
 * reader catching up.
 */
final class PromptDirectory implements PromptAdmin.Prompts, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PromptDirectory.class);

    private final Map<String, PromptRecord> prompts = new ConcurrentHashMap<>();
    private final Topic<String, PromptRecord> topic;
    private final Map<String, Object> clientProps;
    private TopicTail tail;

    PromptDirectory(Topic<String, PromptRecord> topic, Map<String, ?> clientProps) {
        this.topic = topic;
        this.clientProps = Map.copyOf(clientProps);
    }

    /** Starts reading the topic from its beginning, on a thread of its own. */
    synchronized void start() {
        tail = new TopicTail("sluice-ingress-prompts", topic.name(), clientProps, () -> Instant.EPOCH,
                records -> records.forEach(this::read));
        tail.start();
    }

    @Override
    public Optional<PromptRecord> prompt(String name) {
        return Optional.ofNullable(prompts.get(name));
    }

    @Override
    public List<PromptRecord> prompts() {
        return prompts.values().stream().sorted(Comparator.comparing(PromptRecord::getName)).toList();
    }

    @Override
    public boolean awaitCaughtUp(Duration limit) throws InterruptedException {
        TopicTail reader;
        synchronized (this) {
            reader = tail;
        }
        return reader != null && reader.awaitCaughtUp(limit);
    }

    @Override
    public void apply(PromptRecord record) {
        prompts.merge(record.getName(), record,
                (held, newer) -> newer.getUpdatedAt().isBefore(held.getUpdatedAt()) ? held : newer);
    }

    private void read(ConsumerRecord<byte[], byte[]> record) {
        try {
            if (record.value() == null) {
                prompts.remove(topic.keySerde().deserializer().deserialize(record.topic(), record.key()));
                return;
            }
            apply(topic.valueSerde().deserializer().deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            log.warn("prompts.unreadable_record offset={} error={}", record.offset(), e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (tail != null) {
            tail.close();
        }
    }
}
