package io.sluice.processors.gateway;

import io.sluice.avro.Price;
import java.util.List;
import java.util.Objects;

/**
 * Where requests for one client-facing model go: the deployments that serve it, sharing its load
 * by weight, and the models to fall back to, in order, when none of them answers.
 *
 * @param model     the model name clients use
 * @param targets   the deployments that serve it; at least one
 * @param fallbacks other configured models to try next, in order; their own fallbacks are not followed
 */
public record Route(String model, List<RouteTarget> targets, List<String> fallbacks) {
    public Route {
        Objects.requireNonNull(model, "model");
        targets = List.copyOf(targets);
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("models[name=" + model + "] needs at least one deployment");
        }
        if (fallbacks.contains(model)) {
            throw new IllegalArgumentException("models[name=" + model + "].fallbacks must not name the model itself");
        }
    }

    /** A route to one deployment with no fallbacks. */
    public static Route single(String model, String deployment, String provider, String upstreamModel, String region) {
        return new Route(model, List.of(new RouteTarget(deployment, provider, upstreamModel, region, 1)), List.of());
    }

    /**
     * One deployment serving a route's model.
     *
     * @param region where it runs, for residency; null when unknown (never matches a restriction)
     * @param weight its share of the model's load relative to the other targets; at least 1
     * @param price  the model's list price on this deployment; null when none is configured (free)
     */
    public record RouteTarget(String deployment, String provider, String upstreamModel, String region, int weight,
            Price price) {
        /** A target without a price. */
        public RouteTarget(String deployment, String provider, String upstreamModel, String region, int weight) {
            this(deployment, provider, upstreamModel, region, weight, null);
        }

        public RouteTarget {
            Objects.requireNonNull(deployment, "deployment");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(upstreamModel, "upstreamModel");
            if (weight < 1) {
                throw new IllegalArgumentException("the weight of deployment " + deployment + " must be at least 1");
            }
        }
    }
}
