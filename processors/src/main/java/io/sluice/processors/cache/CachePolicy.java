package io.sluice.processors.cache;

import io.sluice.avro.AiRequest;
import java.time.Duration;
import java.util.Map;

/**
 * Whether answers may be served from and stored in the response cache. Only deterministic requests
 * (temperature 0) are cached unless non-deterministic caching is opted into, since a cached answer
 * to a sampled request would take away the variation its client asked for. A request can always opt
 * out with the metadata pair {@code cache-control: no-store}. Validated on construction; messages
 * name the configuration path.
 *
 * @param enabled               whether the cache is used at all
 * @param ttl                   how long a stored answer may be served; positive when enabled
 * @param cacheNonDeterministic also cache requests with a temperature other than 0 (or none, which
 *                              means the provider's default); off unless opted into
 */
public record CachePolicy(boolean enabled, Duration ttl, boolean cacheNonDeterministic) {
    /** The bypass reason when the cache is switched off. */
    public static final String DISABLED = "disabled";
    /** The bypass reason when the request's metadata says {@code cache-control: no-store}. */
    public static final String NO_STORE = "no-store";
    /** The bypass reason when the request samples (temperature not 0) and that is not opted into. */
    public static final String NON_DETERMINISTIC = "non-deterministic";

    private static final String CACHE_CONTROL = "cache-control";

    public CachePolicy {
        ttl = ttl == null ? Duration.ZERO : ttl;
        if (ttl.isNegative() || (enabled && ttl.isZero())) {
            throw new IllegalArgumentException("cache.ttl must be positive when the cache is enabled, not " + ttl);
        }
    }

    /** A policy caching deterministic requests only. */
    public CachePolicy(boolean enabled, Duration ttl) {
        this(enabled, ttl, false);
    }

    /** No caching. */
    public static CachePolicy disabled() {
        return new CachePolicy(false, Duration.ZERO, false);
    }

    /** True when the request's answer may be served from and stored in the cache. */
    public boolean cacheable(AiRequest request) {
        return bypassReason(request) == null;
    }

    /**
     * Why the request bypasses the cache, for the audit trail: {@link #DISABLED}, {@link #NO_STORE}
     * or {@link #NON_DETERMINISTIC}, checked in that order; null when it is cacheable.
     */
    public String bypassReason(AiRequest request) {
        if (!enabled) {
            return DISABLED;
        }
        if (noStore(request.getMetadata())) {
            return NO_STORE;
        }
        Double temperature = request.getParams() == null ? null : request.getParams().getTemperature();
        boolean deterministic = temperature != null && temperature == 0.0;
        return deterministic || cacheNonDeterministic ? null : NON_DETERMINISTIC;
    }

    /** True when a {@code cache-control} entry (any case) lists the directive {@code no-store}. */
    private static boolean noStore(Map<String, String> metadata) {
        if (metadata == null) {
            return false;
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            if (CACHE_CONTROL.equalsIgnoreCase(entry.getKey()) && entry.getValue() != null) {
                for (String directive : entry.getValue().split(",")) {
                    if (NO_STORE.equalsIgnoreCase(directive.trim())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
