package io.sluice.app.sink;

import io.sluice.app.config.SluiceConfig;
import io.sluice.app.kafka.TopicReader;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Where a sink command finds Kafka and the schema registry: the configured cluster, or the
 * embedded broker and registry of a running {@code sluice start} on their fixed ports.
 */
final class SinkClients {
    private SinkClients() {}

    /** The operator's Kafka client properties with these bootstrap servers. */
    static Map<String, Object> clientProps(SluiceConfig config, String bootstrapServers) {
        Map<String, Object> props = new HashMap<>(config.kafka().properties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    static String bootstrapServers(CommandSpec spec, SluiceConfig config) {
        try {
            return TopicReader.bootstrapServers(config);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The configured registry, or the one a running {@code sluice start} serves on its fixed port. */
    static String registryUrl(CommandSpec spec, SluiceConfig config) {
        if (!config.kafka().schemaRegistryUrl().isBlank()) {
            return config.kafka().schemaRegistryUrl();
        }
        if (config.embeddedBroker() && config.kafka().registryPort() != 0) {
            return "http://127.0.0.1:" + config.kafka().registryPort();
        }
        throw new ParameterException(spec.commandLine(),
                "give --schema-registry-url (e.g. a `sluice registry` instance) so that the sink can read the schemas "
                        + "new records are written with");
    }
}
