package io.sluice.processors.gateway;

import java.util.Objects;

/** Where requests for one client-facing model go: a configured deployment and the provider's model name. */
public record Route(String model, String deployment, String provider, String upstreamModel, String region) {
    public Route {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(upstreamModel, "upstreamModel");
    }
}
