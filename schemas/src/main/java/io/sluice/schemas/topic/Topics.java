package io.sluice.schemas.topic;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.Alert;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.BatchCommand;
import io.sluice.avro.BatchState;
import io.sluice.avro.BudgetStatus;
import io.sluice.avro.Cancellation;
import io.sluice.avro.CostRecord;
import io.sluice.avro.DeploymentHealth;
import io.sluice.avro.FileChunk;
import io.sluice.avro.FileRecord;
import io.sluice.avro.Invocation;
import io.sluice.avro.MetricsRecord;
import io.sluice.avro.ModelRecord;
import io.sluice.avro.PromptRecord;
import io.sluice.avro.TenantRecord;
import io.sluice.schemas.registry.SchemaRegistry;
import io.sluice.schemas.serde.AvroSerde;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed registry of Sluice's topics, built once from the configured prefix and a schema
 * registry and passed to every component. Data topics are keyed by tenant id; {@code replies} by
 * request id.
 */
public final class Topics {
    public static final String DEFAULT_PREFIX = "sluice.";
    /** How long stored files are kept: 30 days, as OpenAI keeps batch files. */
    public static final long FILE_RETENTION_MS = 30L * 24 * 3_600_000L;

    private final String prefix;
    private final Topic<String, AiRequest> requests;
    private final Topic<String, Invocation> invocations;
    private final Topic<String, Invocation> invocationsBatch;
    private final Topic<String, AiResponse> responses;
    private final Topic<String, AiReply> replies;
    private final Topic<String, AuditEvent> auditRaw;
    private final Topic<String, AuditEvent> audit;
    private final Topic<String, MetricsRecord> metrics;
    private final Topic<String, DeploymentHealth> deployments;
    private final Topic<String, Cancellation> cancels;
    private final Topic<String, CostRecord> costs;
    private final Topic<String, Alert> alerts;
    private final Topic<String, BudgetStatus> budgets;
    private final Topic<String, TenantRecord> tenants;
    private final Topic<String, ModelRecord> models;
    private final Topic<String, PromptRecord> prompts;
    private final Topic<String, BatchCommand> batchCommands;
    private final Topic<String, BatchState> batches;
    private final Topic<String, FileChunk> files;
    private final Topic<String, FileRecord> filesMeta;

    public Topics(String prefix, SchemaRegistry registry) {
        this.prefix = prefix;
        Serde<String> keys = Serdes.String();
        this.requests = new Topic<>(prefix + "requests", keys, AvroSerde.forClass(AiRequest.class, registry));
        this.invocations = new Topic<>(prefix + "invocations", keys, AvroSerde.forClass(Invocation.class, registry));
        this.invocationsBatch = new Topic<>(prefix + "invocations.batch", keys, AvroSerde.forClass(Invocation.class, registry));
        this.responses = new Topic<>(prefix + "responses", keys, AvroSerde.forClass(AiResponse.class, registry));
        this.replies = new Topic<>(prefix + "replies", keys, AvroSerde.forClass(AiReply.class, registry));
        this.auditRaw = new Topic<>(prefix + "audit.raw", keys, AvroSerde.forClass(AuditEvent.class, registry));
        this.audit = new Topic<>(prefix + "audit", keys, AvroSerde.forClass(AuditEvent.class, registry));
        this.metrics = new Topic<>(prefix + "metrics", keys, AvroSerde.forClass(MetricsRecord.class, registry));
        this.deployments = new Topic<>(prefix + "deployments", keys, AvroSerde.forClass(DeploymentHealth.class, registry));
        this.cancels = new Topic<>(prefix + "cancels", keys, AvroSerde.forClass(Cancellation.class, registry));
        this.costs = new Topic<>(prefix + "costs", keys, AvroSerde.forClass(CostRecord.class, registry));
        this.alerts = new Topic<>(prefix + "alerts", keys, AvroSerde.forClass(Alert.class, registry));
        this.budgets = new Topic<>(prefix + "budgets", keys, AvroSerde.forClass(BudgetStatus.class, registry));
        this.tenants = new Topic<>(prefix + "tenants", keys, AvroSerde.forClass(TenantRecord.class, registry));
        this.models = new Topic<>(prefix + "models", keys, AvroSerde.forClass(ModelRecord.class, registry));
        this.prompts = new Topic<>(prefix + "prompts", keys, AvroSerde.forClass(PromptRecord.class, registry));
        this.batchCommands = new Topic<>(prefix + "batch.commands", keys, AvroSerde.forClass(BatchCommand.class, registry));
        this.batches = new Topic<>(prefix + "batches", keys, AvroSerde.forClass(BatchState.class, registry));
        this.files = new Topic<>(prefix + "files", keys, AvroSerde.forClass(FileChunk.class, registry));
        this.filesMeta = new Topic<>(prefix + "files.meta", keys, AvroSerde.forClass(FileRecord.class, registry));
    }

    public String prefix() {
        return prefix;
    }

    public Topic<String, AiRequest> requests() {
        return requests;
    }

    public Topic<String, Invocation> invocations() {
        return invocations;
    }

    public Topic<String, Invocation> invocationsBatch() {
        return invocationsBatch;
    }

    public Topic<String, AiResponse> responses() {
        return responses;
    }

    public Topic<String, AiReply> replies() {
        return replies;
    }

    /** Compacted, keyed by deployment name: the newest circuit breaker state of each deployment. */
    public Topic<String, DeploymentHealth> deployments() {
        return deployments;
    }

    /** Keyed by request id, short-lived: requesters that went away, read by every invoker. */
    public Topic<String, Cancellation> cancels() {
        return cancels;
    }

    /**
     * Keyed by tenant: audit events as every component writes them, possibly repeated after a
     * crash. Read only by the audit chain, which deduplicates them and writes {@link #audit()}.
     */
    public Topic<String, AuditEvent> auditRaw() {
        return auditRaw;
    }

    /** Keyed by tenant: the tamper-evident trail, each event once, hash-chained per tenant. What analysts read. */
    public Topic<String, AuditEvent> audit() {
        return audit;
    }

    /** Keyed by tenant: per-minute aggregates per tenant x model (highest revision per window wins). */
    public Topic<String, MetricsRecord> metrics() {
        return metrics;
    }

    /** Keyed by tenant: running cost totals per tenant x app x model x hour and day (highest revision wins). */
    public Topic<String, CostRecord> costs() {
        return costs;
    }

    /** Keyed by tenant: conditions that started or stopped holding. */
    public Topic<String, Alert> alerts() {
        return alerts;
    }

    /** Compacted, keyed by tenant/scope/period: each budget's state in its current period. */
    public Topic<String, BudgetStatus> budgets() {
        return budgets;
    }

    /**
     * Compacted, keyed by tenant id: tenants created through the admin API with their apps and keys
     * (hashes only). Read by every ingress and, as a global table, by the gateway.
     */
    public Topic<String, TenantRecord> tenants() {
        return tenants;
    }

    /**
     * Compacted, keyed by model name: the model registry (versions, lifecycle states, approvals,
     * aliases). Written by the admin API; read by every ingress and, as a global table, by the gateway.
     */
    public Topic<String, ModelRecord> models() {
        return models;
    }

    /**
     * Compacted, keyed by prompt name: published prompt versions (immutable) and the labels that
     * point at them. Written by the admin API; read by every ingress and, as a global table, by the
     * gateway, which renders requests' prompt references from it.
     */
    public Topic<String, PromptRecord> prompts() {
        return prompts;
    }

    /**
     * Keyed by tenant, like {@code requests} and {@code responses} (so the batch coordinator finds
     * a tenant's batches and their responses in one task): batches created, their lines, cancels
     * and Kafka-native declarations.
     */
    public Topic<String, BatchCommand> batchCommands() {
        return batchCommands;
    }

    /** Compacted, keyed by batch id: each batch's newest state, written by the batch coordinator. */
    public Topic<String, BatchState> batches() {
        return batches;
    }

    /**
     * Keyed by file id: the content of stored files (uploaded batch input, batch output and error
     * files) in chunks well under the broker's record limit, in order within the file's partition.
     */
    public Topic<String, FileChunk> files() {
        return files;
    }

    /** Compacted, keyed by file id: the metadata of stored files, with where their chunks start. */
    public Topic<String, FileRecord> filesMeta() {
        return filesMeta;
    }

    /**
     * Registers the schema of every record type Sluice writes, so that no serializer has to reach
     * the registry later from a thread that must not block (an event loop, a stream thread, the
     * invoker's poll loop). Call once at start; fails if the registry refuses a schema.
     */
    public void registerSchemas() {
        for (Topic<String, ?> topic : List.of(requests, invocations, responses, replies, auditRaw, audit, deployments, cancels,
                costs, metrics, alerts, budgets, tenants, models, prompts, batchCommands, batches, files, filesMeta)) {
            if (topic.valueSerde() instanceof AvroSerde<?> serde) {
                serde.registerWriterSchema();
            }
        }
    }

    /** The compacted topic where the embedded schema registry keeps its schemas. */
    public String schemasTopic() {
        return schemasTopic(prefix);
    }

    /** The schemas topic under {@code prefix}, known before any registry (and so any {@code Topics}) exists. */
    public static String schemasTopic(String prefix) {
        return prefix + "_schemas";
    }

    /**
     * Every topic Sluice creates. Data topics share one partition count so that a tenant's state
     * lives in one stream task; compacted topics hold configuration and schemas.
     */
    public List<TopicSpec> specs() {
        Map<String, String> none = Map.of();
        return List.of(
                new TopicSpec(requests.name(), false, none),
                new TopicSpec(invocations.name(), false, none),
                new TopicSpec(invocationsBatch.name(), false, none),
                new TopicSpec(responses.name(), false, none),
                new TopicSpec(replies.name(), false, Map.of("retention.ms", String.valueOf(3_600_000L))),
                new TopicSpec(auditRaw.name(), false, none),
                new TopicSpec(audit.name(), false, none),
                new TopicSpec(cancels.name(), false, Map.of("retention.ms", String.valueOf(3_600_000L))),
                new TopicSpec(costs.name(), false, none),
                new TopicSpec(metrics.name(), false, none),
                new TopicSpec(alerts.name(), false, none),
                new TopicSpec(prefix + "dlq", false, none),
                new TopicSpec(tenants.name(), true, none),
                new TopicSpec(models.name(), true, none),
                new TopicSpec(prompts.name(), true, none),
                new TopicSpec(deployments.name(), true, none),
                new TopicSpec(budgets.name(), true, none),
                new TopicSpec(batchCommands.name(), false, none),
                new TopicSpec(batches.name(), true, none),
                new TopicSpec(files.name(), false, Map.of("retention.ms", String.valueOf(FILE_RETENTION_MS))),
                new TopicSpec(filesMeta.name(), false, Map.of("cleanup.policy", "compact,delete",
                        "retention.ms", String.valueOf(FILE_RETENTION_MS))));
    }
}
