package io.sluice.ingress;

import io.sluice.avro.ModelRecord;
import io.sluice.avro.ModelState;
import io.sluice.avro.ModelVersion;
import io.sluice.schemas.models.ModelAccess;
import io.sluice.schemas.models.ModelRefs;
import io.sluice.schemas.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model registry as this ingress knows it: the compacted {@code models} topic read from its
 * beginning and followed, so that the admin API sees every instance's changes and the ingress lets
 * requests for registry names through to the gateway (which decides access by state). A model's
 * newest record is its whole state; an older {@code updatedAt} than the one held is ignored, so
 * the admin API's write-through ({@link #apply}) is not undone by the reader catching up.
 */
final class ModelDirectory implements ModelAdmin.Models, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelDirectory.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, ModelRecord> models = new ConcurrentHashMap<>();
    private final Topic<String, ModelRecord> topic;
    private final Map<String, Object> props;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean running = true;

    ModelDirectory(Topic<String, ModelRecord> topic, Map<String, ?> clientProps) {
        this.topic = topic;
        this.props = KafkaClientConfigs.replyConsumer(clientProps);
        props.put("client.id", "sluice-ingress-models");
        this.thread = new Thread(this::run, "sluice-ingress-models");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public Optional<ModelRecord> model(String name) {
        return Optional.ofNullable(models.get(name));
    }

    @Override
    public List<ModelRecord> models() {
        return models.values().stream().sorted(Comparator.comparing(ModelRecord::getName)).toList();
    }

    @Override
    public boolean awaitCaughtUp(Duration limit) throws InterruptedException {
        return caughtUp.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void apply(ModelRecord record) {
        ModelRecord held = models.get(record.getName());
        if (held == null || !record.getUpdatedAt().isBefore(held.getUpdatedAt())) {
            models.put(record.getName(), record);
        }
    }

    /**
     * Whether {@code requested} is a registry name: a model, one of its aliases or versions (who may
     * call it is the gateway's decision). Only these pass the ingress, so metric labels stay bounded.
     */
    boolean names(String requested) {
        if (requested == null) {
            return false;
        }
        ModelRecord model = models.get(ModelRefs.modelName(requested));
        if (model == null) {
            return false;
        }
        int at = requested.lastIndexOf('@');
        if (at < 0) {
            return true;
        }
        String ref = requested.substring(at + 1);
        return model.getAliases().containsKey(ref)
                || model.getVersions().stream().anyMatch(v -> String.valueOf(v.getVersion()).equals(ref));
    }

    /**
     * The names under which a tenant may call registry versions: each version open to it by state
     * as {@code name@N}, each alias pointing at one, and the bare name when a production version
     * exists. DEPRECATED versions are left out (only the gateway knows who used them before).
     */
    List<String> callable(String tenant) {
        List<String> names = new ArrayList<>();
        for (ModelRecord model : models()) {
            List<Integer> open = new ArrayList<>();
            for (ModelVersion version : model.getVersions()) {
                if (version.getState() != ModelState.DEPRECATED
                        && ModelAccess.refusal(model, version, tenant, false).isEmpty()) {
                    open.add(version.getVersion());
                }
            }
            if (ModelRefs.resolve(model, model.getName()).isPresent()) {
                names.add(model.getName());
            }
            model.getAliases().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .filter(alias -> open.contains(alias.getValue()))
                    .forEach(alias -> names.add(model.getName() + "@" + alias.getKey()));
            open.forEach(v -> names.add(model.getName() + "@" + v));
        }
        return names;
    }

    /** Every name a registry version can be called by: for signing and checking request ids. */
    List<String> allNames() {
        List<String> names = new ArrayList<>();
        for (ModelRecord model : models()) {
            names.add(model.getName());
            model.getAliases().keySet().forEach(alias -> names.add(model.getName() + "@" + alias));
            model.getVersions().forEach(v -> names.add(model.getName() + "@" + v.getVersion()));
        }
        return names;
    }

    private void run() {
        try {
            consumer = new KafkaConsumer<>(props);
        } catch (RuntimeException e) {
            log.error("models.reader_not_started topic={} error={}", topic.name(), e.toString());
            return;
        }
        try {
            List<TopicPartition> partitions = awaitPartitions();
            if (!running) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    read(record);
                }
                if (caughtUp.getCount() > 0 && partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
                    log.info("models.caught_up topic={} models={}", topic.name(), models.size());
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("models.reader_stopped", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("models.reader_failed topic={}", topic.name(), e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private List<TopicPartition> awaitPartitions() throws InterruptedException {
        List<TopicPartition> partitions = List.of();
        while (running && partitions.isEmpty()) {
            try {
                partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            } catch (TimeoutException e) {
                log.debug("models.topic_not_ready topic={}", topic.name());
            }
            if (partitions.isEmpty() && running) {
                Thread.sleep(1_000);
            }
        }
        return partitions;
    }

    private void read(ConsumerRecord<byte[], byte[]> record) {
        try {
            if (record.value() == null) {
                models.remove(topic.keySerde().deserializer().deserialize(record.topic(), record.key()));
                return;
            }
            apply(topic.valueSerde().deserializer().deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            log.warn("models.unreadable_record offset={} error={}", record.offset(), e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> reader = consumer;
        if (reader != null) {
            reader.wakeup();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
