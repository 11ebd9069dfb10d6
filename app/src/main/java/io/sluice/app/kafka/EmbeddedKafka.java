package io.sluice.app.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka (broker and controller in one process) for embedded mode. The log
 * directory is formatted on first start and reused afterwards, so a restart keeps all topics,
 * offsets and state. Listens on 127.0.0.1 only.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final Path logDir;
    private final int brokerPort;
    private final int controllerPort;
    private final int defaultPartitions;
    private final Map<String, String> overrides;
    private KafkaRaftServer server;

    /**
     * @param logDir where the broker keeps its data; formatted if empty
     * @param brokerPort the client listener on 127.0.0.1
     * @param controllerPort the controller listener; keep it stable across restarts of one log dir
     * @param overrides broker properties that replace Sluice's defaults (listeners excepted)
     */
    public EmbeddedKafka(Path logDir, int brokerPort, int controllerPort, int defaultPartitions,
            Map<String, String> overrides) {
        this.logDir = logDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.defaultPartitions = defaultPartitions;
        this.overrides = Map.copyOf(overrides);
    }

    public EmbeddedKafka(Path logDir, int brokerPort, int controllerPort, int defaultPartitions) {
        this(logDir, brokerPort, controllerPort, defaultPartitions, Map.of());
    }

    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        Properties props = properties();
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create Kafka log dir " + logDir, e);
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(props);
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        log.info("embedded Kafka started bootstrap={} logDir={}", bootstrapServers(), logDir);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", String.valueOf(defaultPartitions));
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        p.putAll(overrides);
        return p;
    }

    private void format(Properties props) {
        Path config = logDir.resolve("embedded-server.properties");
        try {
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "written by Sluice to format the embedded broker's storage");
            }
            var output = new java.io.ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[] {
                    "format", "--config", config.toString(),
                    "--cluster-id", Uuid.randomUuid().toString(),
                    "--standalone", "--ignore-formatted"},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
            }
            log.info("formatted embedded Kafka storage logDir={}", logDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDir, e);
        }
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        log.info("embedded Kafka stopped");
    }
}
