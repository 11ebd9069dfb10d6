package io.sluice.app.config;

import io.sluice.processors.cache.CachePolicy;
import io.sluice.processors.cache.CacheSettings;
import java.time.Duration;
import java.util.Map;

/**
 * {@code cache} (the default for every tenant) or {@code tenants[].cache}: the response cache.
 * By default deterministic requests (temperature 0) are cached for an hour; a request with
 * {@code Cache-Control: no-store} is never cached.
 *
 * @param nonDeterministic also cache requests with a temperature above 0 (they then get the same answer)
 * @param models           TTLs by model name that override {@code ttl}
 * @param waitTimeout      (top level only) how long identical requests wait for one call's answer
 */
public record CacheSection(Boolean enabled, Duration ttl, Boolean nonDeterministic, Map<String, Duration> models,
        Duration waitTimeout) {
    public CacheSection {
        models = models == null ? Map.of() : Map.copyOf(models);
        if (ttl != null) {
            SluiceConfig.requirePositive("cache.ttl", ttl);
        }
        models.forEach((model, d) -> SluiceConfig.requirePositive("cache.models." + model, d));
        if (waitTimeout != null) {
            SluiceConfig.requirePositive("cache.wait-timeout", waitTimeout);
        }
    }

    /** The policy these settings make, on top of {@code base}. */
    CachePolicy policy(CachePolicy base) {
        return new CachePolicy(enabled == null ? base.enabled() : enabled, ttl == null ? base.ttl() : ttl,
                nonDeterministic == null ? base.cacheNonDeterministic() : nonDeterministic);
    }

    static CacheSettings settings(SluiceConfig config, Map<String, String> policyVersions) {
        CacheSection top = config.cache();
        CachePolicy defaults = top == null ? CacheSettings.DEFAULT_POLICY : top.policy(CacheSettings.DEFAULT_POLICY);
        var tenants = new java.util.LinkedHashMap<String, CachePolicy>();
        var ttls = new java.util.LinkedHashMap<String, Map<String, Duration>>();
        for (var tenant : config.tenants()) {
            var merged = new java.util.LinkedHashMap<String, Duration>();
            if (top != null) {
                merged.putAll(top.models());
            }
            if (tenant.cache() != null) {
                tenants.put(tenant.id(), tenant.cache().policy(defaults));
                merged.putAll(tenant.cache().models());
            }
            if (!merged.isEmpty()) {
                ttls.put(tenant.id(), merged);
            }
        }
        return new CacheSettings(defaults, tenants, ttls, top == null ? null : top.waitTimeout(), policyVersions);
    }
}
