package io.sluice.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.app.config.ComponentSettings;
import io.sluice.app.config.SluiceConfig;
import io.sluice.app.kafka.EmbeddedKafka;
import io.sluice.app.kafka.TopicAdmin;
import io.sluice.app.metrics.ConsumerLag;
import io.sluice.app.metrics.MetricsServer;
import io.sluice.app.metrics.ProcessMeters;
import io.sluice.ingress.ApiKeyAuthenticator;
import io.sluice.ingress.HealthCheck;
import io.sluice.ingress.IngressServer;
import io.sluice.processors.gateway.GatewayTopology;
import io.sluice.processors.invoker.Invoker;
import io.sluice.processors.batch.BatchTopology;
import io.sluice.processors.observe.ObserverTopology;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.Providers;
import io.sluice.schemas.registry.KafkaSchemaLog;
import io.sluice.schemas.registry.RestSchemaRegistryClient;
import io.sluice.schemas.registry.SchemaRegistry;
import io.sluice.schemas.registry.SchemaRegistryServer;
import io.sluice.schemas.topic.TopicSpec;
import io.sluice.schemas.topic.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the Sluice components a process runs, wired through Kafka topics only, and stops them
 * in reverse order. {@code sluice start} runs all of them with an embedded broker; the
 * distributed commands run one each against a cluster. All components of the process share one
 * meter registry: served at the ingress's {@code /metrics} when the process runs an ingress, else by
 * a {@link MetricsServer} on {@code metrics.host:metrics.port}.
 */
public final class SluiceRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SluiceRuntime.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    /** The parts of Sluice one process may run. */
    public enum Component { REGISTRY, GATEWAY, INVOKER, INGRESS, OBSERVER, BATCH }

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final ComponentSettings settings;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private String bootstrapServers;
    private Topics topics;
    private URI registryUrl;
    private String demoKey;
    private IngressServer ingress;
    private KafkaStreams gateway;
    private KafkaStreams observer;
    private KafkaStreams batch;
    private Invoker invoker;
    private MetricsServer metricsServer;

    private SluiceRuntime(ComponentSettings settings) {
        this.settings = settings;
    }

    /**
     * Starts {@code components}; on any failure, whatever was started is stopped again and the
     * failure is thrown.
     */
    public static SluiceRuntime start(SluiceConfig config, Set<Component> components, Clock clock) {
        var runtime = new SluiceRuntime(new ComponentSettings(config));
        try {
            runtime.startAll(EnumSet.copyOf(components), clock);
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private void startAll(Set<Component> components, Clock clock) {
        SluiceConfig config = settings.config();
        running.push(ProcessMeters.bind(meters));
        if (!components.contains(Component.INGRESS)) {
            metricsServer = MetricsServer.start(meters, config.metrics().host(), config.metrics().port());
            running.push(metricsServer);
        }
        Path dataDir = config.dataDir().toAbsolutePath();
        if (config.embeddedBroker()) {
            int brokerPort = portOrFree(config.kafka().brokerPort());
            int controllerPort = config.kafka().controllerPort() != 0 ? config.kafka().controllerPort()
                    : config.kafka().brokerPort() == 0 ? freePort() : brokerPort + 1;
            var kafka = new EmbeddedKafka(dataDir.resolve("kafka"), brokerPort, controllerPort, config.kafka().partitions(),
                    config.kafka().brokerProperties());
            kafka.start();
            running.push(kafka);
            bootstrapServers = kafka.bootstrapServers();
        } else {
            bootstrapServers = config.kafka().bootstrapServers();
        }
        Map<String, Object> clientProps = new HashMap<>(config.kafka().properties());
        clientProps.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);

        SchemaRegistry registry = startRegistry(components, clientProps);
        topics = new Topics(config.kafka().topicPrefix(), registry);
        List<TopicSpec> specs = new ArrayList<>(topics.specs());
        config.gateway().appReplyTopics().forEach(name -> specs.add(new TopicSpec(name, false, Map.of())));
        ensureTopics(clientProps, specs);
        topics.registerSchemas();

        if (components.contains(Component.GATEWAY)) {
            startGateway(clientProps, dataDir, clock);
        }
        if (components.contains(Component.OBSERVER)) {
            startObserver(clientProps, dataDir, clock);
        }
        if (components.contains(Component.BATCH)) {
            startBatch(clientProps, dataDir, clock);
        }
        if (components.contains(Component.INVOKER)) {
            var providers = Providers.load(settings.deployments(), ProviderContext.create(clock, settings.connectTimeout()));
            running.push(providers);
            invoker = new Invoker(settings.invoker(), topics, clientProps, providers, meters, clock);
            invoker.start();
            running.push(invoker);
            ConsumerLag.register(meters, "invoker", List.of(topics.invocations().name(),
                    topics.invocationsBatch().name()), invoker::consumerMetrics);
        }
        if (components.contains(Component.INGRESS)) {
            var auth = new ApiKeyAuthenticator(settings.apiKeys(() -> demoKey(dataDir)), settings.adminKeys());
            var catalog = io.sluice.ingress.ModelCatalog.of(settings.modelNames());
            var checks = new ArrayList<HealthCheck>();
            var brokerHealth = new BrokerHealth(clientProps);
            running.push(brokerHealth);
            checks.add(brokerHealth);
            if (gateway != null) {
                checks.add(new StreamsHealth("gateway", gateway));
            }
            if (observer != null) {
                checks.add(new StreamsHealth("observer", observer));
            }
            if (batch != null) {
                checks.add(new StreamsHealth("batch", batch));
            }
            if (invoker != null) {
                checks.add(HealthCheck.of("invoker", () -> invoker.isRunning()
                        ? HealthCheck.Result.up("running")
                        : HealthCheck.Result.down(invoker.failure().map(Throwable::toString).orElse("stopped"))));
            }
            ingress = new IngressServer(settings.ingress(), topics, clientProps, auth, catalog, checks, meters, clock,
                    settings.admin()).withBatches(config.batch().limits(), new BatchPrices(settings.gateway()));
            ingress.start();
            running.push(ingress);
        }
        log.info("Sluice is ready components={} bootstrap={}", components, bootstrapServers);
    }

    private SchemaRegistry startRegistry(Set<Component> components, Map<String, Object> clientProps) {
        SluiceConfig config = settings.config();
        if (!config.kafka().schemaRegistryUrl().isBlank()) {
            var client = new RestSchemaRegistryClient(URI.create(config.kafka().schemaRegistryUrl()));
            running.push(client);
            registryUrl = URI.create(config.kafka().schemaRegistryUrl());
            return client;
        }
        String schemasTopic = Topics.schemasTopic(config.kafka().topicPrefix());
        ensureTopics(clientProps, List.of(new TopicSpec(schemasTopic, true, Map.of())));
        var schemaLog = KafkaSchemaLog.open(clientProps, schemasTopic, STARTUP_TIMEOUT);
        running.push(schemaLog);
        if (components.contains(Component.REGISTRY)) {
            var server = new SchemaRegistryServer(schemaLog.store(), "127.0.0.1", portOrFree(config.kafka().registryPort()));
            server.start();
            running.push(server);
            registryUrl = URI.create("http://127.0.0.1:" + server.port());
            log.info("schema registry serving url={}", registryUrl);
        }
        return schemaLog.store();
    }

    private void ensureTopics(Map<String, Object> clientProps, List<TopicSpec> specs) {
        SluiceConfig config = settings.config();
        TopicAdmin.ensureTopics(clientProps, specs, config.kafka().partitions(), config.kafka().replicationFactor(),
                settings.maxRecordBytes(), STARTUP_TIMEOUT);
    }

    private void startGateway(Map<String, Object> clientProps, Path dataDir, Clock clock) {
        SluiceConfig config = settings.config();
        var gatewaySettings = settings.gateway();
        var topology = GatewayTopology.build(gatewaySettings, topics, clock);
        Properties props = new Properties();
        props.putAll(GatewayTopology.streamsProperties(gatewaySettings, topics, clientProps,
                dataDir.resolve("streams").toString(), config.kafka().processingGuarantee(),
                config.gateway().streamThreads()));
        gateway = new KafkaStreams(topology, props);
        gateway.setUncaughtExceptionHandler(e -> {
            log.error("gateway stream thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        ConsumerLag.register(meters, "gateway", ConsumerLag.sourceTopics(topology.describe()), gateway::metrics);
        gateway.start();
        // leave the group on close: a restarted instance is assigned its tasks at once instead
        // of waiting out the old member's session timeout
        running.push(() -> gateway.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)));
        awaitRunning(gateway);
    }

    private void startObserver(Map<String, Object> clientProps, Path dataDir, Clock clock) {
        var observerSettings = settings.observer();
        Properties props = new Properties();
        props.putAll(ObserverTopology.streamsProperties(observerSettings, clientProps,
                dataDir.resolve("observer").toString()));
        observer = startExactlyOnce("observer", ObserverTopology.build(observerSettings, topics, clock), props);
    }

    private void startBatch(Map<String, Object> clientProps, Path dataDir, Clock clock) {
        var batchSettings = settings.batch();
        Properties props = new Properties();
        props.putAll(BatchTopology.streamsProperties(batchSettings, clientProps, dataDir.resolve("batch").toString()));
        batch = startExactlyOnce("batch", BatchTopology.build(batchSettings, topics, clock), props);
    }

    /** Starts a topology of its own (the observer, the batch coordinator) and waits until it runs. */
    private KafkaStreams startExactlyOnce(String name, Topology topology, Properties props) {
        var streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("{} stream thread failed; replacing it", name, e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        ConsumerLag.register(meters, name, ConsumerLag.sourceTopics(topology.describe()), streams::metrics);
        running.push(() -> streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)));
        awaitRunning(streams);
        return streams;
    }

    private static void awaitRunning(KafkaStreams streams) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || System.nanoTime() > deadline) {
                throw new IllegalStateException("a topology did not reach RUNNING: " + streams.state());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the gateway", e);
            }
        }
    }

    private synchronized String demoKey(Path dataDir) {
        if (demoKey == null) {
            demoKey = DemoKey.loadOrCreate(dataDir);
        }
        return demoKey;
    }

    /**
     * Why a component of this process stopped working on its own (the gateway topology in ERROR,
     * the invoker stopped after a failed produce), or empty while all run. Nothing inside the
     * process restarts them: {@code sluice} exits non-zero so that its supervisor restarts it, and
     * the uncommitted work is repeated.
     */
    public Optional<String> failure() {
        if (gateway != null && gateway.state() == KafkaStreams.State.ERROR) {
            return Optional.of("the gateway topology is in state ERROR");
        }
        if (observer != null && observer.state() == KafkaStreams.State.ERROR) {
            return Optional.of("the observer topology is in state ERROR");
        }
        if (batch != null && batch.state() == KafkaStreams.State.ERROR) {
            return Optional.of("the batch coordinator topology is in state ERROR");
        }
        if (invoker != null && !invoker.isRunning() && invoker.failure().isPresent()) {
            return Optional.of("the invoker stopped: " + invoker.failure().get());
        }
        return Optional.empty();
    }

    /** The demo tenant's key when the embedded default is in use, else null. */
    public String demoApiKey() {
        return settings.usesDemoTenant() ? demoKey : null;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Topics topics() {
        return topics;
    }

    public URI registryUrl() {
        return registryUrl;
    }

    public int ingressPort() {
        if (ingress == null) {
            throw new IllegalStateException("this process runs no ingress");
        }
        return ingress.port();
    }

    /** The port of this process's metrics server; processes with an ingress serve metrics there instead. */
    public int metricsPort() {
        if (metricsServer == null) {
            throw new IllegalStateException("this process serves its metrics at the ingress");
        }
        return metricsServer.port();
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            AutoCloseable c = running.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("error while stopping component={}", c.getClass().getSimpleName(), e);
            }
        }
        meters.close();
    }

    private static int portOrFree(int port) {
        return port == 0 ? freePort() : port;
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
