package io.sluice.ingress;

import io.sluice.avro.ModelRecord;
import io.sluice.avro.ModelState;
import io.sluice.avro.ModelVersion;
import io.sluice.schemas.models.ModelAccess;
import io.sluice.schemas.models.ModelRefs;
import io.sluice.schemas.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model registry as this ingress knows it: the compacted {@code models} topic read from its
 * beginning and followed, so that the admin API sees every instance's changes and the ingress lets
 * requests for registry names through to the gateway (which decides access by state). A model's
 * newest record is its whole state; an older {@code updatedAt} than the one held is ignored, so
 * the admin API's write-through ({@link #apply}) is not undone by the reader catching up
 * ({@link CompactedDirectory}).
 */
final class ModelDirectory implements ModelAdmin.Models, AutoCloseable {
    private final CompactedDirectory<ModelRecord> models;

    ModelDirectory(Topic<String, ModelRecord> topic, Map<String, ?> clientProps) {
        this.models = new CompactedDirectory<>("sluice-ingress-models", topic, clientProps, ModelRecord::getName,
                ModelRecord::getUpdatedAt);
    }

    /** Starts reading the topic from its beginning, on a thread of its own. */
    void start() {
        models.start();
    }

    @Override
    public Optional<ModelRecord> model(String name) {
        return models.get(name);
    }

    @Override
    public List<ModelRecord> models() {
        return models.all();
    }

    @Override
    public boolean awaitCaughtUp(Duration limit) throws InterruptedException {
        return models.awaitCaughtUp(limit);
    }

    @Override
    public void apply(ModelRecord record) {
        models.apply(record);
    }

    /**
     * Whether {@code requested} is a registry name: a model, one of its aliases or versions (who may
     * call it is the gateway's decision). Only these pass the ingress, so metric labels stay bounded.
     */
    boolean names(String requested) {
        if (requested == null) {
            return false;
        }
        ModelRecord model = models.get(ModelRefs.modelName(requested)).orElse(null);
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

    @Override
    public void close() {
        models.close();
    }
}
