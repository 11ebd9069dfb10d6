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
    void theSinkServiceRunsAnExistingSinkCommand() throws IOException {
        @SuppressWarnings("unchecked")
        List<String> command = (List<String>) services().get("sink-postgres").get("command");
        var sinks = new CommandLine(new SluiceCli()).getSubcommands().get("sink").getSubcommands().keySet();

        assertThat(command.subList(0, 2)).containsExactly("sink", "postgres");
        assertThat(sinks).contains(command.get(1));
        assertThat(command).contains("--config", "--password-env");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEverySluiceServiceOnItsMetricsPort() throws IOException {
        Map<String, Object> prometheus = new Yaml().load(Files.readString(ROOT.resolve("deploy/prometheus.yml")));
        var targets = ((List<Map<String, Object>>) prometheus.get("scrape_configs")).stream()
                .flatMap(job -> ((List<Map<String, List<String>>>) job.get("static_configs")).stream())
                .flatMap(config -> config.get("targets").stream())
                .toList();
        SluiceConfig config = composeConfig();

        services().forEach((name, service) -> {
            if (!"sluice:latest".equals(service.get("image"))) {
                return;
            }
            List<String> command = (List<String>) service.get("command");
            int port = command.get(0).equals("ingress") ? config.ingress().port() : config.metrics().port();
            assertThat(targets).as(name).contains(name + ":" + port);
        });
        assertThat(config.metrics().host()).as("reachable from the prometheus container").isEqualTo("0.0.0.0");
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaIsProvisionedWithTheDashboardAndTheDatasourceItUses() throws IOException {
        Map<String, Object> datasources = new Yaml().load(
                Files.readString(ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml")));
        var uid = ((List<Map<String, Object>>) datasources.get("datasources")).get(0).get("uid");
        var dashboard = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(ROOT.resolve("deploy/grafana/dashboards/sluice-overview.json").toFile());

        assertThat(dashboard.get("uid").asText()).isEqualTo("sluice-overview");
        int targets = 0;
        for (var panel : dashboard.get("panels")) {
            if (panel.get("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.at("/datasource/uid").asText()).as(panel.get("title").asText()).isEqualTo(uid);
            assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
            targets += panel.get("targets").size();
        }
        assertThat(targets).isGreaterThan(20);
    }

    private static SluiceConfig composeConfig() {
        return new ConfigLoader(Map.of("SLUICE_DEMO_KEY", "sk-demo-0123456789abcdef",
                "OPENAI_API_KEY", "sk-x")::get).load(ROOT.resolve("deploy/sluice.yaml"));
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
