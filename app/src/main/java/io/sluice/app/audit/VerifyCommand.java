package io.sluice.app.audit;

import io.sluice.app.SluiceCli;
import io.sluice.app.config.SluiceConfig;
import io.sluice.app.kafka.TopicReader;
import io.sluice.avro.AuditEvent;
import io.sluice.schemas.audit.AuditVerifier;
import io.sluice.schemas.registry.KafkaSchemaLog;
import io.sluice.schemas.registry.RestSchemaRegistryClient;
import io.sluice.schemas.registry.SchemaRegistry;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.Topics;
import java.io.PrintWriter;
import java.net.URI;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sluice audit verify}: reads the audit trail from its topic (or the sink's database) and
 * reports every altered, dropped, duplicated or reordered event. Exit status 0 when intact, 1 when
 * anything is wrong, 2 when the trail could not be read.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Checks the per-tenant hash chains of the audit trail and names every altered, dropped, duplicated or "
                    + "reordered event. Exit status: 0 intact, 1 problems found, 2 the trail could not be read.",
            "Reads the audit topic from its beginning to the end offsets it has at start (read_committed), or with "
                    + "--jdbc-url the audit_events table the PostgreSQL sink fills. Prints each tenant's head "
                    + "(events, last sequence, last hash): keep it, since events cut from the end of a chain "
                    + "can only be caught against a head recorded earlier."})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--topic", paramLabel = "NAME",
            description = "the topic to read; default: the configured prefix + audit")
    String topic;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "read the sink's audit_events table instead of the topic, e.g. jdbc:postgresql://host/db?user=u")
    String jdbcUrl;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "give up if the topic cannot be read to its end in this time; default: ${DEFAULT-VALUE}")
    int timeoutSeconds;

    @Mixin
    SluiceCli.Common common = new SluiceCli.Common();

    @Override
    public Integer call() {
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
        var verifier = new AuditVerifier();
        PrintWriter err = spec.commandLine().getErr();
        long read;
        String source;
        if (jdbcUrl != null) {
            source = "table audit_events";
            try (var connection = DriverManager.getConnection(jdbcUrl)) {
                read = AuditRows.read(connection, row -> verifier.accept(row.getValue(), "row " + row.getKey()));
            } catch (SQLException e) {
                err.println("sluice: cannot read audit_events: " + e.getMessage());
                return 2;
            }
        } else {
            SluiceConfig config = common.load();
            String bootstrap;
            try {
                bootstrap = TopicReader.bootstrapServers(config);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            Map<String, Object> clientProps = new HashMap<>(config.kafka().properties());
            clientProps.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            try {
                Topic<String, AuditEvent> audit = auditTopic(config, clientProps);
                source = "topic " + audit.name();
                try (Consumer<String, AuditEvent> consumer = new KafkaConsumer<>(
                        TopicReader.consumerProps(clientProps, "sluice-audit-verify"), audit.keySerde().deserializer(),
                        audit.valueSerde().deserializer())) {
                    read = TopicReader.readToEnd(consumer, audit.name(), Duration.ofSeconds(timeoutSeconds), record -> {
                        if (record.value() != null) {
                            verifier.accept(record.value(), "p" + record.partition() + "@" + record.offset());
                        }
                    });
                }
            } catch (KafkaException | IllegalStateException e) {
                err.println("sluice: cannot read the audit topic from Kafka at " + bootstrap + ": " + e.getMessage());
                return 2;
            }
        }
        AuditVerifier.Report report = verifier.finish();
        PrintWriter out = spec.commandLine().getOut();
        out.println("read " + read + " events from " + source);
        for (AuditVerifier.Head head : report.heads()) {
            out.println("tenant " + head.tenantId() + ": " + head.events() + " events, head sequence "
                    + head.sequence() + " hash " + head.hash());
        }
        report.problems().forEach(problem -> out.println(problem));
        out.println(report.intact() ? "intact" : report.problems().size() + " problem(s) found");
        out.flush();
        return report.intact() ? 0 : 1;
    }

    private Topic<String, AuditEvent> auditTopic(SluiceConfig config, Map<String, Object> clientProps) {
        String prefix = config.kafka().topicPrefix();
        String registryUrl = config.kafka().schemaRegistryUrl();
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        SchemaRegistry registry = registryUrl.isBlank()
                ? KafkaSchemaLog.readOnly(clientProps, Topics.schemasTopic(prefix), timeout)
                : new RestSchemaRegistryClient(URI.create(registryUrl));
        Topic<String, AuditEvent> audit = new Topics(prefix, registry).audit();
        return topic == null ? audit : new Topic<>(topic, audit.keySerde(), audit.valueSerde());
    }
}
