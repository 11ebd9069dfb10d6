package io.sluice.ingress;

import io.sluice.avro.PromptRecord;
import io.sluice.schemas.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The published prompts as this ingress knows them: the compacted {@code prompts} topic, followed ({@link CompactedDirectory}). */
final class PromptDirectory implements PromptAdmin.Prompts, AutoCloseable {
    private final CompactedDirectory<PromptRecord> prompts;

    PromptDirectory(Topic<String, PromptRecord> topic, Map<String, ?> clientProps) {
        this.prompts = new CompactedDirectory<>("sluice-ingress-prompts", topic, clientProps, PromptRecord::getName,
                PromptRecord::getUpdatedAt);
    }

    void start() {
        prompts.start();
    }

    @Override
    public Optional<PromptRecord> prompt(String name) {
        return prompts.get(name);
    }

    @Override
    public List<PromptRecord> prompts() {
        return prompts.all();
    }

    @Override
    public boolean awaitCaughtUp(Duration limit) throws InterruptedException {
        return prompts.awaitCaughtUp(limit);
    }

    @Override
    public void apply(PromptRecord record) {
        prompts.apply(record);
    }

    @Override
    public void close() {
        prompts.close();
    }
}
