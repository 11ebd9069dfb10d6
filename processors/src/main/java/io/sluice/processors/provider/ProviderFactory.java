package io.sluice.processors.provider;

/**
 * Creates providers of one type. Implementations are registered in
 * {@code META-INF/services/io.sluice.processors.provider.ProviderFactory} and need a public
 * no-argument constructor.
 */
public interface ProviderFactory {

    /** The provider type deployments name in their {@code provider} key, e.g. {@code openai}. */
    String type();

    /**
     * Creates the provider of one deployment, validating its type-specific settings.
     *
     * @throws IllegalArgumentException if the settings do not suit this provider; the message
     *                                  names the configuration path
     */
    Provider create(DeploymentSettings settings, ProviderContext context);
}
