package io.sluice.app.config;

import java.util.Map;

/** A place that serves models: a provider type and how to reach it. */
public record DeploymentSection(
        String name,
        String provider,
        java.net.URI baseUrl,
        String apiKey,
        String region,
        java.time.Duration timeout,
        Map<String, String> options,
        Map<String, String> credentials,
        java.time.Duration firstByteTimeout) {
    public DeploymentSection {
        SluiceConfig.requireName("deployments[].name", name);
        SluiceConfig.requireName("deployments[name=" + name + "].provider", provider);
        region = region == null ? "local" : region;
        timeout = timeout == null ? java.time.Duration.ofSeconds(60) : timeout;
        options = options == null ? Map.of() : Map.copyOf(options);
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
    }

    @Override
    public String toString() {
        return "DeploymentSection[name=" + name + ", provider=" + provider + ", baseUrl=" + baseUrl
                + ", region=" + region + "]";
    }
}
