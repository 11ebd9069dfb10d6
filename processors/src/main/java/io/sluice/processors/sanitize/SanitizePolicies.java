package io.sluice.processors.sanitize;

import java.util.Map;
import java.util.Objects;

/** Every tenant's sanitize policy: its own where configured, else the default. */
public record SanitizePolicies(SanitizePolicy defaults, Map<String, SanitizePolicy> byTenant) {
    public SanitizePolicies {
        Objects.requireNonNull(defaults, "defaults");
        byTenant = byTenant == null ? Map.of() : Map.copyOf(byTenant);
    }

    public static SanitizePolicies of(SanitizePolicy defaults) {
        return new SanitizePolicies(defaults, Map.of());
    }

    public SanitizePolicy policyFor(String tenant) {
        return byTenant.getOrDefault(tenant, defaults);
    }
}
