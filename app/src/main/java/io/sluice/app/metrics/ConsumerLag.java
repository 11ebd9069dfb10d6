package io.sluice.app.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.schemas.Telemetry;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.TopologyDescription;

/**
 * {@code sluice_consumer_lag_records{stage, topic}}: how many records of a topic this instance
 * has still to read, summed over the partitions it is assigned, from its Kafka clients' own
 * {@code records-lag} metrics (updated on every fetch). Summed over instances it is the queue in
 * front of a stage; labelled by stage and topic only, so its series do not grow with partitions
 * or instances' client ids. An instance assigned nothing reports 0; a stopped one reports nothing,
 * which Prometheus's {@code up} shows.
 *
 * <p>Reading the clients' metrics takes no lock of the consumer, so scrapes never wait for a poll.
 */
public final class ConsumerLag {
    static final String FETCH_GROUP = "consumer-fetch-manager-metrics";
    static final String RECORDS_LAG = "records-lag";

    private ConsumerLag() {}

    /**
     * Registers one gauge per topic of {@code stage}.
     *
     * @param metrics the metrics of the clients reading the topics: a consumer's or a
     *     {@code KafkaStreams}' {@code metrics()}
     */
    public static void register(MeterRegistry registry, String stage, Collection<String> topics,
            Supplier<? extends Map<MetricName, ? extends Metric>> metrics) {
        Objects.requireNonNull(metrics, "metrics");
        for (String topic : new TreeSet<>(topics)) {
            Gauge.builder(Telemetry.CONSUMER_LAG, () -> lag(metrics.get(), topic))
                    .description("Records of the topic this instance has still to read, over its partitions")
                    .baseUnit(Telemetry.UNIT_RECORDS)
                    .tag(Telemetry.TAG_STAGE, stage)
                    .tag(Telemetry.TAG_TOPIC, topic)
                    .strongReference(true)
                    .register(registry);
        }
    }

    /** The sum of the per-partition lags of {@code topic}; partitions not fetched yet count as 0. */
    static double lag(Map<MetricName, ? extends Metric> metrics, String topic) {
        // Kafka tags some fetch metrics with the topic as is and others with its dots replaced
        String tagged = topic.replace('.', '_');
        double sum = 0;
        for (var entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            if (!RECORDS_LAG.equals(name.name()) || !FETCH_GROUP.equals(name.group())
                    || !name.tags().containsKey("partition")) {
                continue;
            }
            String metricTopic = name.tags().get("topic");
            if (!topic.equals(metricTopic) && !tagged.equals(metricTopic)) {
                continue;
            }
            if (entry.getValue().metricValue() instanceof Number number && Double.isFinite(number.doubleValue())) {
                sum += number.doubleValue();
            }
        }
        return sum;
    }

    /** The topics a topology reads: its sub-topologies' sources and its global stores' topics. */
    public static Set<String> sourceTopics(TopologyDescription topology) {
        Set<String> topics = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    topics.addAll(source.topicSet());
                }
            }
        }
        for (TopologyDescription.GlobalStore store : topology.globalStores()) {
            if (store.source().topicSet() != null) {
                topics.addAll(store.source().topicSet());
            }
        }
        return topics;
    }
}
