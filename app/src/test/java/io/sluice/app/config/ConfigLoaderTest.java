package io.sluice.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader(Map.of("ACME_KEY", "sk-acme-secret-0123456789")::get);

    @Test
    void anEmptyFileIsTheEmbeddedDefault() {
        SluiceConfig config = loader.parse("", "empty.yaml");

        assertThat(config.embeddedBroker()).isTrue();
        assertThat(config.kafka().partitions()).isEqualTo(6);
        assertThat(config.kafka().topicPrefix()).isEqualTo("sluice.");
        assertThat(config.ingress().port()).isEqualTo(8080);
        assertThat(config.ingress().host()).isEqualTo("127.0.0.1");
        assertThat(new ComponentSettings(config).modelNames()).contains("mock-echo", "mock-slow", "mock-error-500", "mock-stream", "mock-flaky", "mock-fallback");
    }

    @Test
    void fullFileIsReadWithPlaceholdersAndDurations() {
        SluiceConfig config = loader.parse("""
                kafka:
                  bootstrap-servers: kafka-1:9092,kafka-2:9092
                  partitions: 12
                  properties:
                    security.protocol: SSL
                ingress:
                  request-timeout: 45s
                tenants:
                  - id: acme
                    keys:
                      - id: acme-web
                        app: web
                        secret: ${ACME_KEY}
                deployments:
                  - name: ollama
                    provider: openai
                    base-url: http://127.0.0.1:11434/v1
                    timeout: 2m
                models:
                  - name: llama3
                    deployment: ollama
                """, "sluice.yaml");

        assertThat(config.embeddedBroker()).isFalse();
        assertThat(config.kafka().partitions()).isEqualTo(12);
        assertThat(config.kafka().properties()).containsEntry("security.protocol", "SSL");
        assertThat(config.ingress().requestTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.tenants().get(0).keys().get(0).secret()).isEqualTo("sk-acme-secret-0123456789");
        assertThat(config.deployments().get(0).timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.models().get(0).upstreamModel()).isEqualTo("llama3");
    }

    @Test
    void unknownKeyIsAnErrorNamingItsPath() {
        assertThatThrownBy(() -> loader.parse("""
                tenants:
                  - id: acme
                    keys:
                      - id: k
                        secrett: nope
                """, "sluice.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sluice.yaml")
                .hasMessageContaining("tenants[0].keys[0]")
                .hasMessageContaining("secrett");
    }

    @Test
    void providerSecretsMustComeFromPlaceholders() {
        String yaml = """
                deployments:
                  - name: bedrock-eu
                    provider: bedrock
                    credentials:
                      access-key-id: ${AWS_KEY_ID}
                      secret-access-key: %s
                """;
        var env = Map.of("AWS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET", "wJalrXUtnFEMI");
        var loader = new ConfigLoader(env::get);

        assertThatThrownBy(() -> loader.parse(yaml.formatted("wJalrXUtnFEMI/K7MDENG"), "sluice.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("deployments[0].credentials.secret-access-key must be a ${ENV_VAR}")
                .hasMessageNotContaining("wJalrXUtnFEMI");
        assertThatThrownBy(() -> loader.parse("deployments:\n  - {name: o, provider: openai, api-key: sk-literal}\n", "s.yaml"))
                .hasMessageContaining("deployments[0].api-key must be a ${ENV_VAR}");
        SluiceConfig config = loader.parse(yaml.formatted("${AWS_SECRET}"), "sluice.yaml");
        assertThat(config.deployments().get(0).credentials())
                .containsEntry("access-key-id", "AKIDEXAMPLE")
                .containsEntry("secret-access-key", "wJalrXUtnFEMI");
        assertThat(config.deployments().get(0).toString()).doesNotContain("wJalrXUtnFEMI");
    }

    @Test
    void anUpstreamModelThatIsADotSegmentOrEmptyIsRefused() {
        for (String model : new String[] {"..", ".", "", " "}) {
            assertThatThrownBy(() -> loader.parse("""
                    deployments:
                      - {name: azure, provider: azure-openai}
                    models:
                      - {name: gpt, deployment: azure, upstream-model: "%s"}
                    """.formatted(model), "sluice.yaml"))
                    .as(model)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("models[name=gpt].upstream-model must name a model");
        }
    }

    @Test
    void duplicateKeyIsAnError() {
        assertThatThrownBy(() -> loader.parse("""
                ingress:
                  port: 8080
                  port: 9090
                """, "sluice.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("port");
    }

    @Test
    void wrongTypeIsAnErrorNamingItsPath() {
        assertThatThrownBy(() -> loader.parse("ingress:\n  port: eighty\n", "sluice.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ingress.port");
    }

    @Test
    void invalidValueIsAnErrorNamingItsPath() {
        assertThatThrownBy(() -> loader.parse("kafka:\n  processing-guarantee: sometimes\n", "sluice.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.processing-guarantee");
        assertThatThrownBy(() -> loader.parse("ingress:\n  request-timeout: soon\n", "sluice.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ingress.request-timeout");
    }

    @Test
    void missingEnvironmentVariableIsAnErrorNamingThePath() {
        assertThatThrownBy(() -> loader.parse("""
                deployments:
                  - name: openai
                    provider: openai
                    api-key: ${OPENAI_API_KEY}
                """, "sluice.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("deployments[0].api-key")
                .hasMessageContaining("OPENAI_API_KEY");
    }

    @Test
    void defaultAndFilePlaceholdersAreResolved(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("key.txt");
        Files.writeString(secret, "sk-from-a-file-0123456789\n");

        SluiceConfig config = loader.parse("""
                kafka:
                  topic-prefix: ${PREFIX:-team.}
                deployments:
                  - name: openai
                    provider: openai
                    api-key: ${file:%s}
                models:
                  - name: gpt
                    deployment: openai
                """.formatted(secret), "sluice.yaml");

        assertThat(config.kafka().topicPrefix()).isEqualTo("team.");
        assertThat(config.deployments().get(0).apiKey()).isEqualTo("sk-from-a-file-0123456789");
        assertThat(config.deployments().get(0).toString()).doesNotContain("sk-from-a-file");
    }

    @Test
    void modelRoutedToAnUnknownDeploymentIsAnError() {
        assertThatThrownBy(() -> loader.parse("""
                deployments:
                  - name: a
                    provider: mock
                models:
                  - name: m
                    deployment: b
                """, "sluice.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("models[name=m].deployment");
    }

    @Test
    void keyNeedsExactlyOneOfSecretOrHash() {
        assertThatThrownBy(() -> loader.parse("""
                tenants:
                  - id: acme
                    keys:
                      - id: k
                """, "sluice.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("exactly one of secret or sha256");
    }

    @Test
    void theMetricsEndpointOfProcessesWithoutAnIngressIsConfigurable() {
        assertThat(loader.parse("", "empty.yaml").metrics())
                .isEqualTo(new SluiceConfig.MetricsSection("127.0.0.1", SluiceConfig.MetricsSection.DEFAULT_PORT));
        assertThat(loader.parse("metrics: {host: 0.0.0.0, port: 9100}", "sluice.yaml").metrics())
                .isEqualTo(new SluiceConfig.MetricsSection("0.0.0.0", 9100));
        assertThatThrownBy(() -> loader.parse("metrics: {port: 99999}", "sluice.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics.port");
        assertThatThrownBy(() -> loader.parse("metrics: {prot: 1}", "sluice.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics: unknown key `prot`");
    }

    @Test
    void theExampleFileInTheRepositoryIsValid() {
        Path example = Path.of("..", "sluice.example.yaml");
        var withEnv = new ConfigLoader(Map.of("ACME_WEB_KEY", "sk-acme-web-0123456789",
                "OPENAI_API_KEY", "sk-openai", "AZURE_OPENAI_API_KEY", "azure-key",
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret")::get);

        SluiceConfig config = withEnv.load(example);

        assertThat(config.models()).extracting(ModelSection::name).contains("gpt-4o-mini", "gpt-4o");
        var gateway = new ComponentSettings(config).gateway();
        assertThat(gateway.routeOf("best")).hasValueSatisfying(route -> {
            assertThat(route.targets()).hasSize(2);
            assertThat(route.fallbacks()).containsExactly("claude");
        });
        assertThat(gateway.tenantRegions()).containsEntry("eu-bank", java.util.Set.of("eu"));
    }

    @Test
    void everyConfigurationExampleInTheDocsIsValid() throws IOException {
        var anyEnv = new ConfigLoader(name -> "value-of-" + name + "-0123456789");
        var yaml = java.util.regex.Pattern.compile("```yaml\n(.*?)```", java.util.regex.Pattern.DOTALL);
        int checked = 0;
        for (Path doc : List.of(Path.of("..", "README.md"), Path.of("..", "docs", "providers.md"),
                Path.of("..", "docs", "batch-scheduling.md"))) {
            var blocks = yaml.matcher(Files.readString(doc));
            while (blocks.find()) {
                // a ${file:...} secret names a file on the operator's machine; any file will do here
                String block = blocks.group(1).replaceAll("\\$\\{file:[^}]+}", "\\${file:" + Path.of("..", "pom.xml")
                        .toAbsolutePath().toString().replace("\\", "/") + "}");
                String name = doc.getFileName() + " block " + (++checked);
                assertThat(anyEnv.parse(block, name)).as(name).isNotNull();
            }
        }
        assertThat(checked).as("the README and every provider have one").isGreaterThanOrEqualTo(6);
    }

    @Test
    void thePerimeterIsReadAndWiredIntoTheIngress() {
        var withEnv = new ConfigLoader(Map.of("ACME_KEY", "sk-acme-secret-0123456789",
                "SLUICE_ADMIN_KEY", "sk-admin-secret-0123456789")::get);
        SluiceConfig config = withEnv.parse("""
                ingress:
                  read-deadline: 10s
                  idle-timeout: 2m
                  tls: {cert-file: /etc/sluice/tls.crt, key-file: /etc/sluice/tls.key}
                  trusted-proxies: [10.0.0.0/8, "2001:db8::/32"]
                  admin-keys:
                    - {id: ops, secret: "${SLUICE_ADMIN_KEY}"}
                    - {id: ci, sha256: 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8}
                  metrics-require-admin: true
                tenants:
                  - id: acme
                    allowed-ips: [192.0.2.0/24, "2001:db8:1::/48"]
                    keys:
                      - {id: acme-web, app: web, secret: "${ACME_KEY}"}
                """, "sluice.yaml");
        var settings = new ComponentSettings(config);
        var ingress = settings.ingress();

        assertThat(ingress.readDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ingress.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(ingress.tls().certFile()).isEqualTo(Path.of("/etc/sluice/tls.crt"));
        assertThat(ingress.trustedProxies().toString()).isEqualTo("[10.0.0.0/8, 2001:db8::/32]");
        assertThat(ingress.metricsRequireAdmin()).isTrue();
        assertThat(settings.adminKeys()).extracting(io.sluice.ingress.AdminKey::id).containsExactly("ops", "ci");
        var auth = new io.sluice.ingress.ApiKeyAuthenticator(settings.apiKeys(() -> "unused"), settings.adminKeys());
        assertThat(auth.authenticateAdmin("sk-admin-secret-0123456789")).isPresent();
        assertThat(auth.authenticateAdmin("sk-acme-secret-0123456789")).isEmpty();
        assertThat(settings.apiKeys(() -> "unused").get(0).allowedFrom().toString())
                .isEqualTo("[192.0.2.0/24, 2001:db8:1::/48]");
        assertThat(config.ingress().adminKeys().toString()).doesNotContain("sk-admin");
    }

    @Test
    void theDefaultPerimeterIsPlainHttpWithOpenMetricsAndNoProxies() {
        var ingress = new ComponentSettings(loader.parse("", "empty.yaml")).ingress();

        assertThat(ingress.tls()).isNull();
        assertThat(ingress.metricsRequireAdmin()).isFalse();
        assertThat(ingress.trustedProxies().isEmpty()).isTrue();
        assertThat(ingress.readDeadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ingress.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void perimeterMistakesNameTheirPath() {
        assertThatThrownBy(() -> loader.parse("""
                ingress:
                  admin-keys: [{id: ops, secret: sk-literal-admin-secret-0123}]
                """, "sluice.yaml"))
                .hasMessageContaining("ingress.admin-keys[0].secret must be a ${ENV_VAR} or ${file:/path} placeholder");
        assertThatThrownBy(() -> loader.parse("ingress: {metrics-require-admin: true}", "sluice.yaml"))
                .hasMessageContaining("ingress.metrics-require-admin needs at least one ingress.admin-keys entry");
        assertThatThrownBy(() -> loader.parse("ingress: {trusted-proxies: [10.0.0.0/8, proxy.internal]}", "sluice.yaml"))
                .hasMessageContaining("ingress.trusted-proxies[1]: `proxy.internal` is not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> loader.parse("""
                tenants:
                  - id: acme
                    allowed-ips: [10.1.2.3/8]
                """, "sluice.yaml"))
                .hasMessageContaining("tenants[id=acme].allowed-ips[0]: `10.1.2.3/8` has bits set beyond its /8 prefix");
        assertThatThrownBy(() -> loader.parse("ingress: {tls: {cert-file: /x.crt}}", "sluice.yaml"))
                .hasMessageContaining("ingress.tls needs both cert-file and key-file");
        assertThatThrownBy(() -> loader.parse("ingress: {read-deadline: 0s}", "sluice.yaml"))
                .hasMessageContaining("ingress.read-deadline must be positive");
        assertThatThrownBy(() -> loader.parse("""
                ingress:
                  admin-keys: [{id: acme-web, sha256: 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8}]
                tenants:
                  - id: acme
                    keys: [{id: acme-web, secret: "${ACME_KEY}"}]
                """, "sluice.yaml"))
                .hasMessageContaining("`acme-web` appears twice");
    }

    @Test
    void aPlaceholderIsReplacedOnceAndWhatItYieldsIsNeverExpandedAgain() {
        var env = new ConfigLoader(Map.of("OUTER", "${INNER}", "INNER", "surprise")::get);

        SluiceConfig config = env.parse("kafka: {properties: {client.id: \"${OUTER}\"}}", "sluice.yaml");

        assertThat(config.kafka().properties()).containsEntry("client.id", "${INNER}");
    }

    @org.junit.jupiter.api.Test
    void moneyIsReadExactlyWhetherWrittenAsANumberOrQuoted() {
        SluiceConfig config = loader.parse("""
                tenants:
                  - id: acme
                    budgets: [{period: day, limit: "1.50"}, {app: web, period: month, limit: 0.000001, mode: soft}]
                deployments: [{name: m, provider: mock}]
                models: [{name: mock-echo, deployment: m, price: {input: "0.15", output: 0.6}}]
                """, "money.yaml");
        var budgets = config.tenants().get(0).budgets();
        org.assertj.core.api.Assertions.assertThat(budgets.get(0).limit()).isEqualByComparingTo("1.50");
        org.assertj.core.api.Assertions.assertThat(budgets.get(1).limit()).isEqualByComparingTo("0.000001");
        org.assertj.core.api.Assertions.assertThat(config.models().get(0).price().input()).isEqualByComparingTo("0.15");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loader.parse(
                "tenants: [{id: a, budgets: [{period: day, limit: \"lots\"}]}]\n", "bad.yaml"))
                .hasMessageContaining("limit");
    }

    @Test
    void theDashboardWindowIsWholeMinutesUpToADay() {
        assertThat(new ComponentSettings(loader.parse("", "empty.yaml")).ingress().dashboardWindow())
                .isEqualTo(Duration.ofMinutes(60));
        assertThat(new ComponentSettings(loader.parse("ingress: {dashboard-window: 3h}", "sluice.yaml")).ingress()
                .dashboardWindow()).isEqualTo(Duration.ofHours(3));
        for (String bad : List.of("90s", "0s", "25h")) {
            assertThatThrownBy(() -> loader.parse("ingress: {dashboard-window: " + bad + "}", "sluice.yaml"))
                    .as(bad).hasMessageContaining("ingress.dashboard-window must be whole minutes from 1m to 24h");
        }
    }

    @Test
    void observabilityKnobsBecomeTheObserversSettingsAndAnAlertThatCouldNotClearIsRefused() {
        SluiceConfig config = loader.parse("""
                observability:
                  metrics-grace: 2s
                  alerts:
                    latency-p95: 1500ms
                    error-rate: 0.1
                    cost-min: "0.25"
                """, "observe.yaml");
        var observer = new ComponentSettings(config).observer();
        assertThat(observer.windowGrace()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(observer.windowRetention()).isEqualTo(java.time.Duration.ofHours(1));
        assertThat(observer.alerts().latencyP95Millis()).isEqualTo(1500);
        assertThat(observer.alerts().errorRate()).isEqualTo(0.1);
        assertThat(observer.alerts().costMinMicros()).isEqualTo(250_000);
        assertThat(observer.applicationId()).isEqualTo("sluice.observer");

        assertThatThrownBy(() -> new ComponentSettings(loader.parse("""
                observability:
                  alerts:
                    cost-factor: 2
                    cost-clear-factor: 3
                """, "bad.yaml")).observer()).hasMessageContaining("observability.alerts");
    }
}
