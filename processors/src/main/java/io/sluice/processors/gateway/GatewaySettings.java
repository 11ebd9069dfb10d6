package io.sluice.processors.gateway;

import io.sluice.processors.cache.CacheSettings;
import io.sluice.processors.finops.FinopsSettings;
import io.sluice.processors.sanitize.SanitizePolicies;
import io.sluice.processors.sanitize.SanitizePolicy;
import io.sluice.processors.tiering.TieringRule;
import java.util.Map;
import java.util.Set;

/**
 * What the gateway topology decides with: the known tenants, the route of each model, and where
 * replies may go.
 *
 * @param applicationId   the Kafka Streams application id (also the prefix of its internal topics)
 * @param replyPartitions the partition count of the reply topics ({@code kafka.partitions}: every
 *                        data topic, the app reply topics included, has it); a request naming a
 *                        partition at or past it is refused
 * @param appReplyTopics  the topics besides the gateway's {@code replies} topic that a request may
 *                        name as its reply address; the app creates them at start, so that a reply
 *                        never waits on the metadata of a topic that does not exist
 * @param maxRecordBytes  the largest record the gateway's producer must write: the ingress's
 *                        largest body plus {@code KafkaClientProps.RECORD_OVERHEAD_BYTES}
 * @param aliases         other names of routed models (alias to model name)
 * @param tenantRegions   the regions a tenant's requests may be served from (data residency);
 *                        a tenant not listed is unrestricted
 * @param sanitize        each tenant's sanitize policy
 * @param finops          budgets, rate limits and their housekeeping
 * @param cache           the response cache's policies
 * @param tiering         models that send simple prompts to cheaper models, by model name
 */
public record GatewaySettings(
        String applicationId,
        Set<String> tenants,
        Map<String, Route> routes,
        int replyPartitions,
        Set<String> appReplyTopics,
        int maxRecordBytes,
        Map<String, String> aliases,
        Map<String, Set<String>> tenantRegions,
        SanitizePolicies sanitize,
        FinopsSettings finops,
        CacheSettings cache,
        Map<String, TieringRule> tiering) {

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
        if (replyPartitions < 1) {
            throw new IllegalArgumentException("gateway reply partitions must be at least 1");
        }
        appReplyTopics = Set.copyOf(appReplyTopics);
        if (appReplyTopics.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("gateway app reply topics must not be blank");
        }
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("gateway max record bytes must be positive");
        }
        aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
        sanitize = sanitize == null ? SanitizePolicies.of(SanitizePolicy.off()) : sanitize;
        finops = finops == null ? FinopsSettings.none() : finops;
        cache = cache == null ? CacheSettings.standard() : cache;
        tiering = tiering == null ? Map.of() : Map.copyOf(tiering);
        for (TieringRule rule : tiering.values()) {
            if (!routes.containsKey(rule.model())) {
                throw new IllegalArgumentException("models[name=" + rule.model() + "].tiering: no such model");
            }
            for (TieringRule.Tier tier : rule.tiers()) {
                if (!routes.containsKey(tier.model())) {
                    throw new IllegalArgumentException("models[name=" + rule.model() + "].tiering: no model named `"
                            + tier.model() + "`");
                }
            }
        }
        tenantRegions = tenantRegions == null ? Map.of() : tenantRegions.entrySet().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
        for (Route route : routes.values()) {
            for (String fallback : route.fallbacks()) {
                if (!routes.containsKey(fallback)) {
                    throw new IllegalArgumentException("models[name=" + route.model() + "].fallbacks: no model named `"
                            + fallback + "`");
                }
            }
        }
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            if (routes.containsKey(alias.getKey())) {
                throw new IllegalArgumentException("alias `" + alias.getKey() + "` is also a model name");
            }
            if (!routes.containsKey(alias.getValue())) {
                throw new IllegalArgumentException("alias `" + alias.getKey() + "` names no model: " + alias.getValue());
            }
        }
    }

    /** Settings without aliases, residency restrictions or sanitizing. */
    public GatewaySettings(String applicationId, Set<String> tenants, Map<String, Route> routes, int replyPartitions,
            Set<String> appReplyTopics, int maxRecordBytes) {
        this(applicationId, tenants, routes, replyPartitions, appReplyTopics, maxRecordBytes, Map.of(), Map.of(), null,
                null, null, null);
    }

    /** Settings without sanitizing. */
    public GatewaySettings(String applicationId, Set<String> tenants, Map<String, Route> routes, int replyPartitions,
            Set<String> appReplyTopics, int maxRecordBytes, Map<String, String> aliases,
            Map<String, Set<String>> tenantRegions) {
        this(applicationId, tenants, routes, replyPartitions, appReplyTopics, maxRecordBytes, aliases, tenantRegions,
                null, null, null, null);
    }

    /** These settings with other budgets and limits. */
    public GatewaySettings withFinops(FinopsSettings settings) {
        return new GatewaySettings(applicationId, tenants, routes, replyPartitions, appReplyTopics, maxRecordBytes,
                aliases, tenantRegions, sanitize, settings, cache, tiering);
    }

    /** These settings with another cache policy. */
    public GatewaySettings withCache(CacheSettings settings) {
        return new GatewaySettings(applicationId, tenants, routes, replyPartitions, appReplyTopics, maxRecordBytes,
                aliases, tenantRegions, sanitize, finops, settings, tiering);
    }

    /** The route of a model name or alias, if there is one. */
    public java.util.Optional<Route> routeOf(String modelOrAlias) {
        Route route = routes.get(modelOrAlias);
        if (route == null && aliases.containsKey(modelOrAlias)) {
            route = routes.get(aliases.get(modelOrAlias));
        }
        return java.util.Optional.ofNullable(route);
    }
}
