package io.sluice.app.kafka;

import io.sluice.schemas.kafka.KafkaClientProps;
import io.sluice.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Sluice's topics if they are missing and checks the ones that exist: every data topic
 * must have the configured partition count, because a tenant's state lives in one stream task only
 * while {@code requests}, {@code invocations} and {@code responses} are partitioned alike.
 * Compacted topics (configuration, schemas) have one partition.
 */
public final class TopicAdmin {
    private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);

    private TopicAdmin() {}

    /**
     * @param maxMessageBytes the largest record a data topic must accept (0: the broker's default)
     * @throws IllegalStateException if Kafka cannot be reached or an existing topic has the wrong layout
     */
    public static void ensureTopics(Map<String, Object> clientProps, Collection<TopicSpec> specs,
            int partitions, short replicationFactor, int maxMessageBytes, Duration timeout) {
        Map<String, Object> props = KafkaClientProps.admin(clientProps,
                Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()), Map.of());
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = specs.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> newTopic(spec, partitions, replicationFactor, maxMessageBytes))
                    .toList();
            create(admin, missing, timeout);
            List<String> present = specs.stream().map(TopicSpec::name).filter(existing::contains).toList();
            if (!present.isEmpty()) {
                checkLayout(admin.describeTopics(present).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS),
                        specs, partitions);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka to create topics: " + e.getMessage(), e);
        }
    }

    private static NewTopic newTopic(TopicSpec spec, int partitions, short replicationFactor, int maxMessageBytes) {
        Map<String, String> configs = new HashMap<>(spec.effectiveConfigs());
        if (!spec.compacted() && maxMessageBytes > 0) {
            configs.putIfAbsent("max.message.bytes", String.valueOf(maxMessageBytes));
        }
        return new NewTopic(spec.name(), spec.compacted() ? 1 : partitions, replicationFactor).configs(configs);
    }

    private static void create(Admin admin, List<NewTopic> missing, Duration timeout)
            throws InterruptedException, TimeoutException, ExecutionException {
        if (missing.isEmpty()) {
            return;
        }
        for (var entry : admin.createTopics(missing).values().entrySet()) {
            try {
                entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                log.info("created topic name={}", entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                }
            }
        }
    }

    private static void checkLayout(Map<String, TopicDescription> described, Collection<TopicSpec> specs,
            int partitions) {
        for (TopicSpec spec : specs) {
            TopicDescription description = described.get(spec.name());
            if (description == null || spec.compacted()) {
                continue;
            }
            int actual = description.partitions().size();
            if (actual != partitions) {
                throw new IllegalStateException("topic " + spec.name() + " has " + actual
                        + " partitions but kafka.partitions is " + partitions
                        + ": Sluice's data topics must all have the same partition count");
            }
        }
    }
}
