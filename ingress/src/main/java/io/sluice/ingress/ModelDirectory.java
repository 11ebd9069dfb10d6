package io.sluice.ingress;

import io.sluice.avro.ModelRecord;
import io.sluice.avro.ModelState;
import io.sluice.avro.ModelVersion;
import io.sluice.schemas.models.ModelAccess;
import io.sluice.schemas.models.ModelRefs;
import io.sluice.schemas.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    private final Map<String, ModelRecord> models = new ConcurrentHashMap<>();
    private final Topic<String, ModelRecord> topic;
    private final Map<String, Object> clientProps;
    private TopicTail tail;

    ModelDirectory(Topic<String, ModelRecord> topic, Map<String, ?> clientProps) {
        this.topic = topic;
        this.clientProps = Map.copyOf(clientProps);
    }

    /** Starts reading the topic from its beginning, on a thread of its own. */
    synchronized void start() {
        tail = new TopicTail("sluice-ingress-models", topic.name(), clientProps, () -> Instant.EPOCH,
                records -> records.forEach(this::read));
        tail.start();
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
        TopicTail reader;
        synchronized (this) {
            reader = tail;
        }
        return reader != null && reader.awaitCaughtUp(limit);
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
    public synchronized void close() {
        if (tail != null) {
            tail.close();
        }
    }
}
