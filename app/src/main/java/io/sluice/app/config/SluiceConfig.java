package io.sluice.app.config;

import io.sluice.ingress.IpRanges;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole of {@code sluice.yaml}. Every section has a default, so an empty file (or none) is the
 * embedded default.
 */
public record SluiceConfig(
        Path dataDir,
        KafkaSection kafka,
        IngressSection ingress,
        GatewaySection gateway,
        InvokerSection invoker,
        List<TenantSection> tenants,
        List<DeploymentSection> deployments,
        List<ModelSection> models,
        SanitizeSection sanitize,
        FinopsSection finops,
        CacheSection cache,
        ObservabilitySection observability,
        MetricsSection metrics,
        BatchScheduleSection batchSchedule,
        BatchSection batch) {

    public SluiceConfig {
        finops = finops == null ? FinopsSection.DEFAULTS : finops;
        observability = observability == null ? ObservabilitySection.DEFAULTS : observability;
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        kafka = kafka == null ? KafkaSection.defaults() : kafka;
        ingress = ingress == null ? IngressSection.defaults() : ingress;
        gateway = gateway == null ? GatewaySection.defaults() : gateway;
        invoker = invoker == null ? InvokerSection.defaults() : invoker;
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
        models = models == null ? List.of() : List.copyOf(models);
        sanitize = sanitize == null ? SanitizeSection.EMPTY : sanitize;
        metrics = metrics == null ? MetricsSection.defaults() : metrics;
        batchSchedule = batchSchedule == null ? BatchScheduleSection.DEFAULTS : batchSchedule;
        batch = batch == null ? BatchSection.DEFAULTS : batch;
        requireUnique("tenants", tenants.stream().map(TenantSection::id).toList());
        requireUnique("tenants[*].keys", tenants.stream().flatMap(t -> t.keys().stream()).map(KeySection::id).toList());
        requireUnique("tenants[*].keys and ingress.admin-keys", java.util.stream.Stream.concat(
                tenants.stream().flatMap(t -> t.keys().stream()).map(KeySection::id),
                ingress.adminKeys().stream().map(IngressSection.AdminKeySection::id)).toList());
        requireUnique("deployments", deployments.stream().map(DeploymentSection::name).toList());
        requireUnique("models", models.stream().map(ModelSection::name).toList());
        batchSchedule.settings(invoker.maxInFlight(), tenants); // checks tenants' windows and the guard now
        var deploymentNames = deployments.stream().map(DeploymentSection::name).toList();
        var modelNames = models.stream().map(ModelSection::name).toList();
        var aliases = new HashSet<String>();
        for (ModelSection model : models) {
            for (ModelSection.ModelTarget target : model.targets()) {
                if (!deploymentNames.contains(target.deployment())) {
                    throw new ConfigException("models[name=" + model.name() + "].deployment: no deployment named `"
                            + target.deployment() + "`");
                }
            }
            for (String fallback : model.fallbacks()) {
                if (!modelNames.contains(fallback) || fallback.equals(model.name())) {
                    throw new ConfigException("models[name=" + model.name() + "].fallbacks: `" + fallback
                            + "` is not another configured model");
                }
            }
            for (String alias : model.aliases()) {
                if (modelNames.contains(alias) || !aliases.add(alias)) {
                    throw new ConfigException("models[name=" + model.name() + "].aliases: `" + alias
                            + "` is already a model name or another model's alias");
                }
            }
        }
    }

    public static SluiceConfig defaults() {
        return new SluiceConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public boolean embeddedBroker() {
        return kafka.bootstrapServers().isBlank();
    }

    public SluiceConfig withDataDir(Path dir) {
        return new SluiceConfig(dir, kafka, ingress, gateway, invoker, tenants, deployments, models, sanitize, finops, cache, observability, metrics, batchSchedule, batch);
    }

    public SluiceConfig withKafka(KafkaSection k) {
        return new SluiceConfig(dataDir, k, ingress, gateway, invoker, tenants, deployments, models, sanitize, finops, cache, observability, metrics, batchSchedule, batch);
    }

    public SluiceConfig withIngress(IngressSection i) {
        return new SluiceConfig(dataDir, kafka, i, gateway, invoker, tenants, deployments, models, sanitize, finops, cache, observability, metrics, batchSchedule, batch);
    }

    public SluiceConfig withMetrics(MetricsSection m) {
        return new SluiceConfig(dataDir, kafka, ingress, gateway, invoker, tenants, deployments, models, sanitize, finops, cache, observability, m, batchSchedule, batch);
    }

    static void requireUnique(String path, List<String> names) {
        var seen = new HashSet<String>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new ConfigException(path + ": `" + name + "` appears twice");
            }
        }
    }

    /** Kafka connection and topic layout. */
    public record KafkaSection(
            String bootstrapServers,
            Integer brokerPort,
            Integer controllerPort,
            String topicPrefix,
            Integer partitions,
            Short replicationFactor,
            String processingGuarantee,
            String schemaRegistryUrl,
            Integer registryPort,
            Map<String, String> properties,
            Map<String, String> brokerProperties) {
        public KafkaSection {
            bootstrapServers = bootstrapServers == null ? "" : bootstrapServers.trim();
            brokerPort = brokerPort == null ? 9092 : brokerPort;
            controllerPort = controllerPort == null ? 0 : controllerPort;
            topicPrefix = topicPrefix == null ? "sluice." : topicPrefix;
            partitions = partitions == null ? 6 : partitions;
            replicationFactor = replicationFactor == null ? 1 : replicationFactor;
            processingGuarantee = processingGuarantee == null ? "at_least_once" : processingGuarantee;
            schemaRegistryUrl = schemaRegistryUrl == null ? "" : schemaRegistryUrl.trim();
            registryPort = registryPort == null ? 8081 : registryPort;
            properties = properties == null ? Map.of() : Map.copyOf(properties);
            brokerProperties = brokerProperties == null ? Map.of() : Map.copyOf(brokerProperties);
            requirePort("kafka.broker-port", brokerPort);
            requirePort("kafka.controller-port", controllerPort);
            requirePort("kafka.registry-port", registryPort);
            if (!topicPrefix.matches("[a-zA-Z0-9._-]*")) {
                throw new ConfigException("kafka.topic-prefix: only letters, digits, '.', '_' and '-' are allowed");
            }
            if (partitions < 1) {
                throw new ConfigException("kafka.partitions must be at least 1");
            }
            if (replicationFactor < 1) {
                throw new ConfigException("kafka.replication-factor must be at least 1");
            }
            if (!List.of("at_least_once", "exactly_once_v2").contains(processingGuarantee)) {
                throw new ConfigException("kafka.processing-guarantee must be at_least_once or exactly_once_v2");
            }
        }

        static KafkaSection defaults() {
            return new KafkaSection(null, null, null, null, null, null, null, null, null, null, null);
        }

        public KafkaSection withBootstrapServers(String servers) {
            return new KafkaSection(servers, brokerPort, controllerPort, topicPrefix, partitions, replicationFactor,
                    processingGuarantee, schemaRegistryUrl, registryPort, properties, brokerProperties);
        }

        public KafkaSection withPorts(int broker, int registry) {
            return new KafkaSection(bootstrapServers, broker, controllerPort, topicPrefix, partitions, replicationFactor,
                    processingGuarantee, schemaRegistryUrl, registry, properties, brokerProperties);
        }

        public KafkaSection withSchemaRegistryUrl(String url) {
            return new KafkaSection(bootstrapServers, brokerPort, controllerPort, topicPrefix, partitions, replicationFactor,
                    processingGuarantee, url, registryPort, properties, brokerProperties);
        }
    }

    /**
     * Where a process without an ingress ({@code sluice processors}, {@code invoker},
     * {@code registry}, {@code sink ...}) serves {@code GET /metrics}; the ingress serves it on its
     * own port.
     *
     * @param port 0: any free port (logged at start)
     */
    public record MetricsSection(String host, Integer port) {
        public static final int DEFAULT_PORT = 9464;

        public MetricsSection {
            host = host == null ? "127.0.0.1" : host;
            port = port == null ? DEFAULT_PORT : port;
            requirePort("metrics.port", port);
            if (host.isBlank()) {
                throw new ConfigException("metrics.host must not be blank");
            }
        }

        static MetricsSection defaults() {
            return new MetricsSection(null, null);
        }

        public MetricsSection withPort(int p) {
            return new MetricsSection(host, p);
        }
    }

    /**
     * The gateway topology.
     *
     * @param appReplyTopics topics apps may name in {@code replyTo.topic} besides the replies
     *     topic; created at start, each with {@code kafka.partitions} partitions
     */
    public record GatewaySection(Integer streamThreads, List<String> appReplyTopics) {
        public GatewaySection {
            streamThreads = streamThreads == null ? 1 : streamThreads;
            appReplyTopics = appReplyTopics == null ? List.of() : List.copyOf(appReplyTopics);
            if (streamThreads < 1) {
                throw new ConfigException("gateway.stream-threads must be at least 1");
            }
            for (String topic : appReplyTopics) {
                if (!topic.matches("[a-zA-Z0-9._-]{1,249}")) {
                    throw new ConfigException("gateway.app-reply-topics: `" + topic + "` is not a valid topic name");
                }
            }
        }

        static GatewaySection defaults() {
            return new GatewaySection(null, null);
        }
    }

    /**
     * A tenant and its API keys.
     *
     * @param regions    where the tenant's requests may be served (data residency); empty or absent
     *                   means anywhere
     * @param allowedIps IPv4/IPv6 CIDR blocks its keys may be used from; empty or absent means anywhere
     * @param batchWindows the tenant's own off-peak windows, replacing {@code batch-schedule.windows};
     *                   absent means those, an empty list means always open
     */
    public record TenantSection(String id, List<KeySection> keys, List<String> regions, List<String> allowedIps,
            SanitizeSection sanitize, List<FinopsSection.BudgetSection> budgets, FinopsSection.LimitsSection limits,
            CacheSection cache, List<String> batchWindows) {
        public TenantSection {
            batchWindows = batchWindows == null ? null : List.copyOf(batchWindows);
            budgets = budgets == null ? List.of() : List.copyOf(budgets);
            requireName("tenants[].id", id);
            keys = keys == null ? List.of() : List.copyOf(keys);
            regions = regions == null ? List.of() : List.copyOf(regions);
            allowedIps = allowedIps == null ? List.of() : List.copyOf(allowedIps);
            sanitize = sanitize == null ? SanitizeSection.EMPTY : sanitize;
            for (String region : regions) {
                requireName("tenants[id=" + id + "].regions[]", region);
            }
            ipRanges(allowedIps, "tenants[id=" + id + "].allowed-ips");
        }

        /** The networks the tenant's keys may be used from; empty means anywhere. */
        public IpRanges allowedNetworks() {
            return ipRanges(allowedIps, "tenants[id=" + id + "].allowed-ips");
        }
    }

    /**
     * An API key: either its {@code secret} (usually a placeholder) or only its SHA-256 in hex.
     * The secret is hashed at load and not kept.
     */
    public record KeySection(String id, String app, String secret, String sha256, FinopsSection.LimitsSection limits) {
        public KeySection {
            requireName("tenants[].keys[].id", id);
            if ((secret == null) == (sha256 == null)) {
                throw new ConfigException("tenants[].keys[id=" + id + "]: give exactly one of secret or sha256");
            }
            if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
                throw new ConfigException("tenants[].keys[id=" + id + "].sha256 must be 64 hex digits");
            }
            if (secret != null && secret.length() < 16) {
                throw new ConfigException("tenants[].keys[id=" + id + "].secret must be at least 16 characters");
            }
        }

        @Override
        public String toString() {
            return "KeySection[id=" + id + ", app=" + app + "]";
        }
    }

    /**
     * An upstream model becomes part of a URL path for some providers (Azure's deployment id,
     * Bedrock's model id): it must be a name, not empty, {@code .} or {@code ..}, which a server or
     * proxy normalising the path would resolve outside the deployment's path.
     */
    static void requireUpstreamModel(String path, String upstreamModel) {
        String trimmed = upstreamModel.strip();
        if (trimmed.isEmpty() || trimmed.equals(".") || trimmed.equals("..")) {
            throw new ConfigException(path + " must name a model, not `" + upstreamModel + "`");
        }
    }

    /** CIDR blocks parsed once to check them; errors name {@code path} and the entry. */
    static IpRanges ipRanges(List<String> cidrs, String path) {
        try {
            return IpRanges.parse(cidrs, path);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    static void requirePositive(String path, java.time.Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new ConfigException(path + " must be positive");
        }
    }

    static void requirePort(String path, int port) {
        if (port < 0 || port > 65535) {
            throw new ConfigException(path + " must be between 0 and 65535");
        }
    }

    static void requireName(String path, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(path + " is required");
        }
        Objects.requireNonNull(value);
    }
}
