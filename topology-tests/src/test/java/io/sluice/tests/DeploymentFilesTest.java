package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.app.SluiceCli;
import io.sluice.app.config.ConfigLoader;
import io.sluice.app.config.SluiceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/** The docker-compose deployment refers only to commands, files and settings that exist. */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void composeRunsThreeKraftBrokersAndEverySluiceComponentSeparately() throws IOException {
        var services = services();

        assertThat(services).containsKeys("kafka-1", "kafka-2", "kafka-3", "registry", "ingress", "processors",
                "invoker", "postgres", "prometheus", "grafana");
        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            assertThat((String) services.get(broker).get("image")).startsWith("apache/kafka:");
            @SuppressWarnings("unchecked")
            var env = (Map<String, Object>) services.get(broker).get("environment");
            assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        }
    }

    @Test
    void everySluiceServiceRunsAnExistingCommandWithAnExistingConfig() throws IOException {
        var commands = new CommandLine(new SluiceCli()).getSubcommands().keySet();
        for (String name : List.of("registry", "ingress", "processors", "invoker")) {
            Map<String, Object> service = services().get(name);
            @SuppressWarnings("unchecked")
            List<String> command = (List<String>) service.get("command");
            assertThat(commands).as(name).contains(command.get(0));
            assertThat(command).as(name).contains("--config");
            @SuppressWarnings("unchecked")
            List<String> volumes = (List<String>) service.get("volumes");
            assertThat(volumes).as(name).isNotEmpty();
            for (String volume : volumes) {
                assertThat(ROOT.resolve(volume.split(":")[0])).as(volume).exists();
            }
        }
        assertThat(ROOT.resolve("Dockerfile")).exists();
    }

    @Test
    void monitoringConfigFilesExist() throws IOException {
        for (String name : List.of("prometheus", "grafana")) {
            @SuppressWarnings("unchecked")
            List<String> volumes = (List<String>) services().get(name).get("volumes");
            for (String volume : volumes) {
                assertThat(ROOT.resolve(volume.split(":")[0])).as(volume).exists();
            }
        }
    }

    @Test
    void theComposeConfigurationIsValidSluiceConfiguration() {
        SluiceConfig config = new ConfigLoader(Map.of("SLUICE_DEMO_KEY", "sk-demo-0123456789abcdef",
                "OPENAI_API_KEY", "sk-x")::get).load(ROOT.resolve("deploy/sluice.yaml"));

        assertThat(config.embeddedBroker()).isFalse();
        assertThat(config.kafka().replicationFactor()).isEqualTo((short) 3);
        assertThat(config.kafka().schemaRegistryUrl()).isEqualTo("http://registry:8081");
    }
}
