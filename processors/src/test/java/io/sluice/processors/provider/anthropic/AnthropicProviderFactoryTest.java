package io.sluice.processors.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.ProviderContext;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an {@code anthropic} deployment must configure, checked when it is loaded. */
class AnthropicProviderFactoryTest {
    private static final String KEY = "sk-ant-api03-factory-secret";
    private final ProviderContext context = ProviderContext.create(Clock.systemUTC());

    @AfterEach
    void close() {
        context.close();
    }

    private static DeploymentSettings deployment(String baseUrl, String apiKey, Map<String, String> options) {
        return new DeploymentSettings("claude", "anthropic", baseUrl == null ? null : URI.create(baseUrl), apiKey,
                "eu", null, options);
    }

    @Test
    void withoutABaseUrlTheEndpointIsAnthropicsAndTheDefaultsApply() {
        var settings = AnthropicSettings.from(deployment(null, KEY, null));

        assertThat(settings).isEqualTo(new AnthropicSettings(URI.create("https://api.anthropic.com/v1/messages"),
                "2023-06-01", null, 4096));
        assertThat(new AnthropicProviderFactory().create(deployment(null, KEY, null), context)).isNotNull();
    }

    @Test
    void aBaseUrlIsFollowedByV1Messages() {
        assertThat(AnthropicSettings.from(deployment("https://proxy.example/anthropic/", null, null)).endpoint())
                .isEqualTo(URI.create("https://proxy.example/anthropic/v1/messages"));
    }

    @Test
    void anthropicItselfNeedsAnApiKey() {
        assertThatThrownBy(() -> new AnthropicProviderFactory().create(deployment(null, null, null), context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deployments[name=claude].api-key is required for provider anthropic when no base-url is set");
    }

    @Test
    void anApiKeyThatCannotBeAHeaderIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> AnthropicSettings.from(deployment(null, KEY + "\r\nx-evil: 1", null)))
                .hasMessageStartingWith("deployments[name=claude].api-key must be printable ASCII")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void optionsAreValidatedWithTheirPaths() {
        assertThatThrownBy(() -> AnthropicSettings.from(deployment(null, KEY, Map.of("default-max-tokens", "0"))))
                .hasMessageStartingWith("deployments[name=claude].options.default-max-tokens must be between 1 and");
        assertThatThrownBy(() -> AnthropicSettings.from(deployment(null, KEY, Map.of("default-max-tokens", "many"))))
                .hasMessage("deployments[name=claude].options.default-max-tokens must be a non-negative whole number");
        assertThatThrownBy(() -> AnthropicSettings.from(deployment(null, KEY, Map.of("anthropic-version", " "))))
                .hasMessage("deployments[name=claude].options.anthropic-version must be a non-empty header value of printable ASCII");
        assertThatThrownBy(() -> AnthropicSettings.from(deployment(null, KEY, Map.of("anthropic-beta", "a\nb"))))
                .hasMessageStartingWith("deployments[name=claude].options.anthropic-beta");
    }
}
