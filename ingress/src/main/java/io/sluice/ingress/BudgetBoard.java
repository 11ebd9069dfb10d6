package io.sluice.ingress;

import io.sluice.avro.BudgetStatus;
import io.sluice.schemas.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every budget's current state, read from the compacted {@code budgets} topic the gateway
 * publishes to (about once a second per changed budget), for {@code GET /v1/budgets}. One thread,
 * an assign-only consumer from the beginning; the newest period of each budget wins.
 */
final class BudgetBoard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BudgetBoard.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, BudgetStatus> budgets = new ConcurrentHashMap<>();
    private final IngressMetrics metrics;
    private final Map<String, Object> props;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private final Topic<String, BudgetStatus> topic;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param metrics publishes each budget's remaining amount as a gauge */
    BudgetBoard(Topic<String, BudgetStatus> topic, Map<String, ?> clientProps, IngressMetrics metrics) {
        this.topic = topic;
        this.metrics = metrics;
        this.props = KafkaClientConfigs.replyConsumer(clientProps);
        props.put("client.id", "sluice-ingress-budgets");
        this.thread = new Thread(this::run, "sluice-ingress-budgets");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The budgets of {@code tenant} (all tenants when null), sorted by tenant, scope and period. */
    List<BudgetStatus> budgets(String tenant) {
        List<BudgetStatus> out = new ArrayList<>();
        for (BudgetStatus status : budgets.values()) {
            if (tenant == null || tenant.equals(status.getTenantId())) {
                out.add(status);
            }
        }
        out.sort(java.util.Comparator.comparing(BudgetStatus::getTenantId).thenComparing(BudgetStatus::getScope)
                .thenComparing(BudgetStatus::getPeriod));
        return out;
    }

    /** Reads the topic until closed; a consumer that cannot be made or fails is logged, and the board stays as it was. */
    private void run() {
        try {
            consumer = new KafkaConsumer<>(props);
        } catch (RuntimeException e) {
            log.error("budgets.reader_not_started topic={} error={}", topic.name(), e.toString());
            return;
        }
        try {
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                // the topic may not exist yet (the gateway creates it); look again until it does
                try {
                    partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    log.debug("budgets.topic_not_ready topic={}", topic.name());
                }
                if (partitions.isEmpty() && running) {
                    Thread.sleep(1_000);
                }
            }
            if (!running) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("budgets.reader_stopped", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("budgets.reader_failed topic={}", topic.name(), e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            String key = topic.keySerde().deserializer().deserialize(record.topic(), record.key());
            if (record.value() == null) {
                if (budgets.remove(key) != null) {
                    metrics.budgetRemoved(key);
                }
                return;
            }
            BudgetStatus status = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
            budgets.merge(key, status, (old, fresh) -> fresh.getPeriodStart().isBefore(old.getPeriodStart()) ? old : fresh);
            metrics.budgetAdded(key, status, () -> budgets.get(key));
        } catch (RuntimeException e) {
            log.warn("budgets.unreadable_record offset={} error={}", record.offset(), e.toString());
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
