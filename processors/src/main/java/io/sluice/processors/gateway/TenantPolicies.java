package io.sluice.processors.gateway;

import io.sluice.avro.TenantBudget;
import io.sluice.avro.TenantKey;
import io.sluice.avro.TenantPolicy;
import io.sluice.avro.TenantRecord;
import io.sluice.processors.finops.BudgetRule;
import io.sluice.processors.finops.RateLimits;
import io.sluice.processors.sanitize.SanitizePolicy;
import io.sluice.processors.sanitize.SanitizePolicy.Action;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each tenant's policy as the gateway applies it: rate limits (of the tenant and of each key), data
 * residency, budgets and the sanitize policy. A configured tenant's come from the configuration. A
 * tenant created through the admin API has only its record on the {@code tenants} topic (the admin
 * API refuses to create a configured tenant), read here from the {@code tenants-directory} global
 * store; a field its policy leaves null falls back to the gateway's default (the top-level sanitize
 * policy, no limit, no budget, every region). So a change made through the admin API holds on
 * every gateway instance as soon as its global store has the record.
 *
 * <p>One instance per processor (a stream thread's): it keeps the last policy it derived for each
 * tenant and derives it again only when the tenant's record has a newer {@code updatedAt}.
 */
final class TenantPolicies {
    private static final Logger log = LoggerFactory.getLogger(TenantPolicies.class);
    private static final int MAX_REMEMBERED = 10_000;

    private final GatewaySettings settings;
    private final Function<String, TenantRecord> directory;
    private final Map<String, Derived> derived = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Derived> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    /** What a directory tenant's record says, derived once per version of the record. */
    private record Derived(long updatedAt, RateLimits limits, Map<String, RateLimits> keys, Set<String> regions,
            List<BudgetRule> budgets, SanitizePolicy sanitize, String sanitizeVersion) {
        Derived(long updatedAt, RateLimits limits, Map<String, RateLimits> keys, Set<String> regions,
                List<BudgetRule> budgets, SanitizePolicy sanitize) {
            this(updatedAt, limits, keys, regions, budgets, sanitize, fingerprint(sanitize));
        }
    }

    /**
     * @param directory the admin API's record of a tenant, or null when the admin API never created it
     */
    TenantPolicies(GatewaySettings settings, Function<String, TenantRecord> directory) {
        this.settings = settings;
        this.directory = directory;
    }

    /** Policies from the configuration alone. */
    static TenantPolicies configured(GatewaySettings settings) {
        return new TenantPolicies(settings, tenant -> null);
    }

    RateLimits tenantLimits(String tenant) {
        Derived own = directoryPolicy(tenant);
        return own == null ? settings.finops().tenantLimits(tenant) : own.limits();
    }

    RateLimits keyLimits(String tenant, String keyId) {
        Derived own = directoryPolicy(tenant);
        if (own == null || keyId == null) {
            return settings.finops().keyLimits(keyId);
        }
        return own.keys().getOrDefault(keyId, RateLimits.NONE);
    }

    /** The regions whose deployments may serve the tenant; null when any may. */
    Set<String> regions(String tenant) {
        Derived own = directoryPolicy(tenant);
        return own == null ? settings.tenantRegions().get(tenant) : own.regions();
    }

    List<BudgetRule> budgets(String tenant) {
        Derived own = directoryPolicy(tenant);
        return own == null ? settings.finops().budgetsOf(tenant) : own.budgets();
    }

    SanitizePolicy sanitize(String tenant) {
        Derived own = directoryPolicy(tenant);
        return own == null ? settings.sanitize().policyFor(tenant) : own.sanitize();
    }

    /**
     * A fingerprint of the tenant's sanitize settings for its cache keys, so that answers to prompts
     * sanitized under another policy are never served; null when not known.
     */
    String cacheVersion(String tenant) {
        Derived own = directoryPolicy(tenant);
        return own == null ? settings.cache().policyVersion(tenant) : own.sanitizeVersion();
    }

    /** SHA-256 of {@link #canonical}: the same policy has the same fingerprint on every instance and run. */
    static String fingerprint(SanitizePolicy policy) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical(policy).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "t" + java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every setting of the policy in a fixed order ({@code toString} would not do: the iteration
     * order of an immutable set changes from one JVM run to the next).
     */
    private static String canonical(SanitizePolicy policy) {
        StringBuilder out = new StringBuilder();
        out.append(policy.injection().action()).append('/').append(policy.injection().threshold());
        for (SanitizePolicy.PiiRule rule : List.of(policy.pii(), policy.secrets(), policy.output())) {
            out.append('|').append(rule.action()).append('/').append(rule.style()).append('/')
                    .append(new java.util.TreeSet<>(rule.types())).append('/').append(rule.restore());
        }
        out.append('|').append(policy.limits());
        for (SanitizePolicy.DenyRule deny : policy.deny()) {
            out.append('|').append(deny.id()).append('=').append(deny.pattern().pattern());
        }
        return out.append('|').append(policy.auditText()).toString();
    }

    private Derived directoryPolicy(String tenant) {
        if (tenant == null || settings.tenants().contains(tenant)) {
            return null;
        }
        TenantRecord record = directory.apply(tenant);
        if (record == null) {
            return null;
        }
        long updatedAt = record.getUpdatedAt().toEpochMilli();
        Derived known = derived.get(tenant);
        if (known != null && known.updatedAt() == updatedAt) {
            return known;
        }
        Derived fresh = derive(record, updatedAt);
        derived.put(tenant, fresh);
        return fresh;
    }

    private Derived derive(TenantRecord record, long updatedAt) {
        Map<String, RateLimits> keys = new HashMap<>();
        for (TenantKey key : record.getKeys()) {
            keys.put(key.getKeyId(), limits(key.getRequestsPerMinute(), key.getTokensPerMinute()));
        }
        TenantPolicy policy = record.getPolicy();
        if (policy == null) {
            return new Derived(updatedAt, RateLimits.NONE, keys, null, List.of(), settings.sanitize().defaults());
        }
        Set<String> regions = policy.getRegions() == null ? null : Set.copyOf(policy.getRegions());
        return new Derived(updatedAt, limits(policy.getRequestsPerMinute(), policy.getTokensPerMinute()), keys,
                regions, budgets(record.getTenantId(), policy.getBudgets()), sanitize(record.getTenantId(), policy));
    }

    private static RateLimits limits(Integer requests, Integer tokens) {
        return new RateLimits(requests == null ? null : requests.longValue(), tokens == null ? null : tokens.longValue());
    }

    private static List<BudgetRule> budgets(String tenant, List<TenantBudget> budgets) {
        List<BudgetRule> rules = new java.util.ArrayList<>(budgets.size());
        for (TenantBudget budget : budgets) {
            try {
                rules.add(new BudgetRule(budget.getApp(),
                        BudgetRule.Period.valueOf(budget.getPeriod().toUpperCase(Locale.ROOT)), budget.getLimitMicros(),
                        budget.getHard()));
            } catch (IllegalArgumentException e) {
                log.warn("tenant_policy.invalid_budget tenant={} error={}", tenant, e.getMessage());
            }
        }
        return List.copyOf(rules);
    }

    /**
     * The default sanitize policy with the tenant's choices put in. A value the admin API should
     * have refused (a record written by hand) leaves the default in place and is logged.
     */
    private SanitizePolicy sanitize(String tenant, TenantPolicy policy) {
        SanitizePolicy base = settings.sanitize().defaults();
        try {
            var injection = base.injection();
            if (policy.getInjection() != null || policy.getInjectionThreshold() != null) {
                injection = new SanitizePolicy.InjectionRule(
                        policy.getInjection() == null ? injection.action()
                                : Action.parse("injection", policy.getInjection()),
                        policy.getInjectionThreshold() == null ? injection.threshold() : policy.getInjectionThreshold());
            }
            return new SanitizePolicy(injection, withAction(base.pii(), policy.getPii()),
                    withAction(base.secrets(), policy.getSecrets()), base.output(), base.limits(), base.deny(),
                    policy.getAuditText() == null ? base.auditText() : policy.getAuditText());
        } catch (IllegalArgumentException e) {
            log.warn("tenant_policy.invalid tenant={} error={}; the default sanitize policy applies", tenant,
                    e.getMessage());
            return base;
        }
    }

    private static SanitizePolicy.PiiRule withAction(SanitizePolicy.PiiRule rule, String action) {
        if (action == null) {
            return rule;
        }
        return new SanitizePolicy.PiiRule(Action.parse("pii", action), rule.style(), rule.types(), rule.restore());
    }
}
