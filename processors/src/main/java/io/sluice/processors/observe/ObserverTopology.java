package io.sluice.processors.observe;

import io.sluice.avro.AuditEvent;
import io.sluice.avro.DeploymentHealth;
import io.sluice.processors.stores.SideApps;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.Topics;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;

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
        topology.addStateStore(SideApps.keyValue(AuditChain.HEADS, Serdes.String()), "audit-chain");
        topology.addStateStore(SideApps.keyValue(AuditChain.SEEN, Serdes.Long()), "audit-chain");
        topology.addSink("audit-sink", topics.audit().name(), topics.audit().keySerde().serializer(),
                topics.audit().valueSerde().serializer(), "audit-chain");

        topology.addProcessor("metrics-collector", () -> new MetricsCollector(settings, clock), "audit-chain");
        topology.addStateStore(SideApps.keyValue(MetricsCollector.WINDOWS, topics.metrics().valueSerde()), "metrics-collector");
        topology.addStateStore(SideApps.keyValue(MetricsCollector.DIRTY, Serdes.Long()), "metrics-collector");
        topology.addStateStore(SideApps.keyValue(Alerting.STORE, Serdes.String()), "metrics-collector");
        topology.addSink(MetricsCollector.METRICS_SINK, topics.metrics().name(), topics.metrics().keySerde().serializer(),
                SideApps.anyOf(topics.metrics().valueSerde().serializer()), "metrics-collector");
        topology.addSink(MetricsCollector.ALERTS_SINK, topics.alerts().name(), topics.alerts().keySerde().serializer(),
                SideApps.anyOf(topics.alerts().valueSerde().serializer()), "metrics-collector");

        Topic<String, DeploymentHealth> deployments = topics.deployments();
        topology.addSource("deployments-source", deployments.keySerde().deserializer(),
                deployments.valueSerde().deserializer(), deployments.name());
        topology.addProcessor("circuit-alerts", CircuitAlerts::new, "deployments-source");
        topology.addStateStore(SideApps.keyValue(CircuitAlerts.STORE, Serdes.Long()), "circuit-alerts");
        topology.addSink("circuit-alerts-sink", topics.alerts().name(), topics.alerts().keySerde().serializer(),
                topics.alerts().valueSerde().serializer(), "circuit-alerts");
        return topology;
    }

    /** Streams properties: exactly once, Sluice's client properties, the application id and state directory. */
    public static Map<String, Object> streamsProperties(ObserverSettings settings, Map<String, Object> clientProperties,
            String stateDir) {
        return SideApps.exactlyOnceProperties(settings.applicationId(), clientProperties, stateDir);
    }
}
