package io.sluice.ingress;

import io.sluice.avro.BudgetStatus;
import io.sluice.schemas.topic.Topic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every budget's current state, read from the compacted {@code budgets} topic the gateway
 * publishes to (about once a second per changed budget), for {@code GET /v1/budgets}. One thread,
 * an assign-only consumer from the beginning; the newest period of each budget wins.
 */
final class BudgetBoard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BudgetBoard.class);

    private final Map<String, BudgetStatus> budgets = new ConcurrentHashMap<>();
    private final IngressMetrics metrics;
    private final Topic<String, BudgetStatus> topic;
    private final Map<String, Object> clientProps;
    private TopicTail tail;

    /** @param metrics publishes each budget's remaining amount as a gauge */
    BudgetBoard(Topic<String, BudgetStatus> topic, Map<String, ?> clientProps, IngressMetrics metrics) {
        this.topic = topic;
        this.metrics = metrics;
        this.clientProps = Map.copyOf(clientProps);
    }

    /** Starts reading the topic from its beginning, on a thread of its own. */
    synchronized void start() {
        tail = new TopicTail("sluice-ingress-budgets", topic.name(), clientProps, () -> Instant.EPOCH,
                records -> records.forEach(this::apply));
        tail.start();
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
    public synchronized void close() {
        if (tail != null) {
            tail.close();
        }
    }
}
