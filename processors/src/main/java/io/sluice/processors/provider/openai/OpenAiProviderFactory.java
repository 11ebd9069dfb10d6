package io.sluice.processors.provider.openai;

import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderFactory;

/** Creates {@code openai} providers; a deployment of this type needs a {@code base-url}. */
public final class OpenAiProviderFactory implements ProviderFactory {
    public static final String TYPE = "openai";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Provider create(DeploymentSettings settings, ProviderContext context) {
        return OpenAiDialect.openAi(settings.requireBaseUrl(), settings.apiKey()).provider(settings, context);
    }
}
