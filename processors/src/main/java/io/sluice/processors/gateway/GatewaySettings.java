package io.sluice.processors.gateway;

import java.util.Map;
import java.util.Set;

/**
 * What the gateway topology decides with: the known tenants and the route of each model.
 *
 * @param applicationId the Kafka Streams application id (also the prefix of its internal topics)
 */
public record GatewaySettings(String applicationId, Set<String> tenants, Map<String, Route> routes) {
    public GatewaySettings {
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("gateway application id must not be blank");
        }
        tenants = Set.copyOf(tenants);
        routes = Map.copyOf(routes);
        routes.forEach((name, route) -> {
            if (!name.equals(route.model())) {
                throw new IllegalArgumentException("route for " + name + " names model " + route.model());
            }
        });
    }
}
