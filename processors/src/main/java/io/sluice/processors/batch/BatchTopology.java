package io.sluice.processors.batch;

import io.sluice.processors.stores.SideApps;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.Topics;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;

/**
 * Builds the batch coordinator, one sub-topology keyed by tenant:
 * <pre>
 * batch.commands ─┐
 * responses ──────┴─► batch-coordinator ─► requests     (a batch's lines, a slice per tick)
 *                                     ├─► batches      (each batch's state, compacted)
 *                                     ├─► files, files.meta (output and error files)
 *                                     ├─► cancels      (requests of a cancelled or expired batch)
 *                                     └─► audit.raw    (one event per status change)
 * </pre>
 * {@code batch.commands} and {@code responses} are both keyed by tenant with the same partition
 * count, so a batch, its lines and its answers meet in one task without a repartition. It runs as
 * its own Kafka Streams application, exactly once always: a line is sent, and its result counted,
 * in the same transaction as the store change that records it, so a restart neither loses nor
 * repeats one.
 */
public final class BatchTopology {
    static final String COMMANDS_SOURCE = "batch-commands-source";
    static final String RESPONSES_SOURCE = "batch-responses-source";
    static final String COORDINATOR = "batch-coordinator";
    static final String REQUESTS_SINK = "batch-requests-sink";
    static final String STATES_SINK = "batch-states-sink";
    static final String FILES_SINK = "batch-files-sink";
    static final String FILES_META_SINK = "batch-files-meta-sink";
    static final String CANCELS_SINK = "batch-cancels-sink";
    static final String AUDIT_SINK = "batch-audit-sink";

    private BatchTopology() {}

    public static Topology build(BatchSettings settings, Topics topics, Clock clock) {
        var topology = new Topology();
        topology.addSource(COMMANDS_SOURCE, topics.batchCommands().keySerde().deserializer(),
                topics.batchCommands().valueSerde().deserializer(), topics.batchCommands().name());
        topology.addSource(RESPONSES_SOURCE, topics.responses().keySerde().deserializer(),
                topics.responses().valueSerde().deserializer(), topics.responses().name());
        topology.addProcessor(COORDINATOR, () -> new BatchCoordinator(settings, clock), COMMANDS_SOURCE,
                RESPONSES_SOURCE);
        topology.addStateStore(SideApps.keyValue(BatchCoordinator.STATES, topics.batches().valueSerde()), COORDINATOR);
        topology.addStateStore(SideApps.keyValue(BatchCoordinator.LINES, topics.batchCommands().valueSerde()), COORDINATOR);
        topology.addStateStore(SideApps.keyValue(BatchCoordinator.RESULTS, Serdes.String()), COORDINATOR);
        topology.addStateStore(SideApps.keyValue(BatchCoordinator.OUTSTANDING, Serdes.String()), COORDINATOR);
        sink(topology, REQUESTS_SINK, topics.requests());
        sink(topology, STATES_SINK, topics.batches());
        sink(topology, FILES_SINK, topics.files());
        sink(topology, FILES_META_SINK, topics.filesMeta());
        sink(topology, CANCELS_SINK, topics.cancels());
        sink(topology, AUDIT_SINK, topics.auditRaw());
        return topology;
    }

    /** Streams properties: exactly once, Sluice's client properties, the application id and state directory. */
    public static Map<String, Object> streamsProperties(BatchSettings settings, Map<String, Object> clientProperties,
            String stateDir) {
        return SideApps.exactlyOnceProperties(settings.applicationId(), clientProperties, stateDir);
    }

    private static <V> void sink(Topology topology, String name, Topic<String, V> topic) {
        topology.addSink(name, topic.name(), topic.keySerde().serializer(),
                SideApps.anyOf(topic.valueSerde().serializer()), COORDINATOR);
    }
}
