package io.sluice.processors.observe;

import io.sluice.avro.AuditEvent;
import io.sluice.avro.DeploymentHealth;
import io.sluice.processors.stores.BoundedRocksDb;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.Topics;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the observer topology, two sub-topologies off the request path:
 * <pre>
 * audit.raw ─► audit-chain ─► audit
 *                  └─► metrics-collector ─► metrics
 *                                       └─► alerts (latency_p95, error_rate, cost_anomaly)
 * deployments ─► circuit-alerts ─► alerts (circuit_open)
 * </pre>
 * It runs as its own Kafka Streams application, exactly once always: its work is not latency
 * sensitive, and a hash chain needs its head and its output committed together.
 */
public final class ObserverTopology {
    private ObserverTopology() {}

    public static Topology build(ObserverSettings settings, Topics topics, Clock clock) {
        var topology = new Topology();
        Topic<String, AuditEvent> raw = topics.auditRaw();
        topology.addSource("audit-raw-source", raw.keySerde().deserializer(), raw.valueSerde().deserializer(), raw.name());
        topology.addProcessor("audit-chain", () -> new AuditChain(clock, settings.dedupeRetention()), "audit-raw-source");
        topology.addStateStore(keyValue(AuditChain.HEADS, Serdes.String()), "audit-chain");
        topology.addStateStore(keyValue(AuditChain.SEEN, Serdes.Long()), "audit-chain");
        topology.addSink("audit-sink", topics.audit().name(), topics.audit().keySerde().serializer(),
                topics.audit().valueSerde().serializer(), "audit-chain");

        topology.addProcessor("metrics-collector", () -> new MetricsCollector(settings, clock), "audit-chain");
        topology.addStateStore(keyValue(MetricsCollector.WINDOWS, topics.metrics().valueSerde()), "metrics-collector");
        topology.addStateStore(keyValue(MetricsCollector.DIRTY, Serdes.Long()), "metrics-collector");
        topology.addStateStore(keyValue(Alerting.STORE, Serdes.String()), "metrics-collector");
        topology.addSink(MetricsCollector.METRICS_SINK, topics.metrics().name(), topics.metrics().keySerde().serializer(),
                anyOf(topics.metrics().valueSerde().serializer()), "metrics-collector");
        topology.addSink(MetricsCollector.ALERTS_SINK, topics.alerts().name(), topics.alerts().keySerde().serializer(),
                anyOf(topics.alerts().valueSerde().serializer()), "metrics-collector");

        Topic<String, DeploymentHealth> deployments = topics.deployments();
        topology.addSource("deployments-source", deployments.keySerde().deserializer(),
                deployments.valueSerde().deserializer(), deployments.name());
        topology.addProcessor("circuit-alerts", CircuitAlerts::new, "deployments-source");
        topology.addStateStore(keyValue(CircuitAlerts.STORE, Serdes.Long()), "circuit-alerts");
        topology.addSink("circuit-alerts-sink", topics.alerts().name(), topics.alerts().keySerde().serializer(),
                topics.alerts().valueSerde().serializer(), "circuit-alerts");
        return topology;
    }

    /** Streams properties: exactly once, Sluice's client properties, the application id and state directory. */
    public static Map<String, Object> streamsProperties(ObserverSettings settings, Map<String, Object> clientProperties,
            String stateDir) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // a transaction per second instead of ten: its readers can wait that long, and every commit
        // writes markers to each output and changelog partition the task touched
        props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        props.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        return props;
    }

    private static <V> StoreBuilder<?> keyValue(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withCachingEnabled();
    }

    @SuppressWarnings("unchecked")
    private static <V> Serializer<Object> anyOf(Serializer<V> serializer) {
        return (Serializer<Object>) serializer;
    }
}
