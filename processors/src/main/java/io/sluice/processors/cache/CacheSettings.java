package io.sluice.processors.cache;

import java.time.Duration;
import java.util.Map;

/**
 * The response cache's settings: each tenant's policy (tenants not listed get {@code defaults}),
 * per-tenant TTLs by model that override the policy's, and how long requests wait for an
 * identical request's answer before they are sent on their own.
 *
 * @param policyVersions fingerprints of each tenant's sanitizer settings (see {@link #policyVersion})
 */
public record CacheSettings(CachePolicy defaults, Map<String, CachePolicy> tenants,
        Map<String, Map<String, Duration>> modelTtls, Duration waitTimeout, Map<String, String> policyVersions) {
    /** The default: deterministic requests cached for an hour. */
    public static final CachePolicy DEFAULT_POLICY = new CachePolicy(true, Duration.ofHours(1), false);

    public CacheSettings {
        defaults = defaults == null ? DEFAULT_POLICY : defaults;
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
        modelTtls = modelTtls == null ? Map.of() : modelTtls.entrySet().stream().collect(
                java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
        waitTimeout = waitTimeout == null ? Duration.ofMinutes(5) : waitTimeout;
        policyVersions = policyVersions == null ? Map.of() : Map.copyOf(policyVersions);
    }

    public static CacheSettings standard() {
        return new CacheSettings(null, null, null, null, null);
    }

    /**
     * A fingerprint of the tenant's sanitizer settings, part of every cache key, so that a policy
     * change never serves answers to prompts sanitized the old way; null when not known.
     */
    public String policyVersion(String tenant) {
        return policyVersions.get(tenant);
    }

    public CachePolicy policyFor(String tenant) {
        return tenants.getOrDefault(tenant, defaults);
    }

    /** How long an answer of {@code model} stays fresh for {@code tenant}. */
    public Duration ttl(String tenant, String model) {
        Duration byModel = modelTtls.getOrDefault(tenant, Map.of()).get(model);
        return byModel != null ? byModel : policyFor(tenant).ttl();
    }
}
