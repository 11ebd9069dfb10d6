package io.sluice.processors.provider.anthropic;

import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderFactory;

/**
 * Creates {@code anthropic} providers. A deployment needs an {@code api-key} unless it sets a
 * {@code base-url} (an Anthropic-compatible proxy, say); see the package documentation for the
 * options.
 */
public final class AnthropicProviderFactory implements ProviderFactory {
    public static final String TYPE = "anthropic";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Provider create(DeploymentSettings settings, ProviderContext context) {
        return new AnthropicProvider(settings, AnthropicSettings.from(settings), context);
    }
}
