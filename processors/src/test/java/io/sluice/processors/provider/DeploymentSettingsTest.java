package io.sluice.processors.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentSettingsTest {

    @Test
    void unsetTimeoutAndOptionsGetDefaults() {
        var settings = new DeploymentSettings("local", "mock", null, " ", null, null, null);

        assertThat(settings.timeout()).isEqualTo(DeploymentSettings.DEFAULT_TIMEOUT);
        assertThat(settings.options()).isEmpty();
        assertThat(settings.apiKey()).as("a blank key is no key").isNull();
    }

    @Test
    void toStringNeverShowsTheApiKey() {
        var settings = new DeploymentSettings("openai-us", "openai", URI.create("https://api.openai.com/v1"),
                "sk-secret-123", "us", Duration.ofSeconds(30), Map.of());

        assertThat(settings.toString()).doesNotContain("sk-secret-123").contains("apiKey=<redacted>", "openai-us");
    }

    @Test
    void errorsNameTheConfigurationPath() {
        assertThatThrownBy(() -> new DeploymentSettings(" ", "mock", null, null, null, null, null))
                .hasMessage("deployments[].name is required");
        assertThatThrownBy(() -> new DeploymentSettings("x", null, null, null, null, null, null))
                .hasMessage("deployments[name=x].provider is required");
        assertThatThrownBy(() -> new DeploymentSettings("x", "mock", null, null, null, Duration.ZERO, null))
                .hasMessage("deployments[name=x].timeout must be positive");
        assertThatThrownBy(() -> new DeploymentSettings("x", "openai", URI.create("ftp://host/v1"), null, null, null,
                null)).hasMessage("deployments[name=x].base-url must be an absolute http or https URL");
        assertThatThrownBy(() -> new DeploymentSettings("x", "openai", URI.create("https://user:pw@host/v1"), null,
                null, null, null)).hasMessageContaining("deployments[name=x].base-url must not carry credentials");
    }

    @Test
    void requireBaseUrlNamesTheProviderThatNeedsIt() {
        var settings = new DeploymentSettings("x", "openai", null, null, null, null, null);

        assertThatThrownBy(settings::requireBaseUrl)
                .hasMessage("deployments[name=x].base-url is required for provider openai");
    }

    @Test
    void longOptionsAreParsedOrRejectedWithTheirPath() {
        var settings = new DeploymentSettings("x", "mock", null, null, null, null,
                Map.of("slow-delay-ms", "250", "bad", "-1"));

        assertThat(settings.longOption("slow-delay-ms", 2000)).isEqualTo(250);
        assertThat(settings.longOption("absent", 2000)).isEqualTo(2000);
        assertThatThrownBy(() -> settings.longOption("bad", 0))
                .hasMessage("deployments[name=x].options.bad must be a non-negative whole number");
    }
}
