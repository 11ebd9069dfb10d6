package io.sluice.processors.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.AiRequest;
import io.sluice.avro.SamplingParams;
import io.sluice.processors.provider.TestRequests;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which requests may use the cache, and the reason recorded when one may not. */
class CachePolicyTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private final CachePolicy deterministicOnly = new CachePolicy(true, HOUR);
    private final CachePolicy everything = new CachePolicy(true, HOUR, true);

    private static AiRequest request(Double temperature, Map<String, String> metadata) {
        return TestRequests.request("r1", "What is a monad?")
                .setParams(SamplingParams.newBuilder().setTemperature(temperature).build())
                .setMetadata(metadata)
                .build();
    }

    @Test
    void aDeterministicRequestIsCacheable() {
        AiRequest request = request(0.0, Map.of());

        assertThat(deterministicOnly.cacheable(request)).isTrue();
        assertThat(deterministicOnly.bypassReason(request)).isNull();
    }

    @Test
    void negativeZeroIsZero() {
        assertThat(deterministicOnly.cacheable(request(-0.0, Map.of()))).isTrue();
    }

    @Test
    void aSampledRequestIsNotCachedUnlessOptedInto() {
        AiRequest sampled = request(0.7, Map.of());

        assertThat(deterministicOnly.cacheable(sampled)).isFalse();
        assertThat(deterministicOnly.bypassReason(sampled)).isEqualTo(CachePolicy.NON_DETERMINISTIC);
        assertThat(everything.cacheable(sampled)).isTrue();
    }

    @Test
    void noTemperatureMeansTheProviderDefaultWhichSamples() {
        AiRequest unset = request(null, Map.of());

        assertThat(deterministicOnly.bypassReason(unset)).isEqualTo(CachePolicy.NON_DETERMINISTIC);
        assertThat(everything.cacheable(unset)).isTrue();
    }

    @Test
    void theOptInIsOffByDefault() {
        assertThat(new CachePolicy(true, HOUR).cacheNonDeterministic()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-store", "NO-STORE", " No-Store ", "no-cache, no-store", "max-age=0,no-store,private"})
    void noStoreInTheMetadataBypassesTheCache(String value) {
        AiRequest request = request(0.0, Map.of("cache-control", value));

        assertThat(everything.cacheable(request)).isFalse();
        assertThat(everything.bypassReason(request)).isEqualTo(CachePolicy.NO_STORE);
    }

    @Test
    void theCacheControlKeyMatchesInAnyCase() {
        assertThat(everything.bypassReason(request(0.0, Map.of("Cache-Control", "no-store"))))
                .isEqualTo(CachePolicy.NO_STORE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-cache", "max-age=60", "no-stored", "private", ""})
    void otherCacheControlValuesDoNotBypass(String value) {
        assertThat(everything.cacheable(request(0.0, Map.of("cache-control", value)))).isTrue();
    }

    @Test
    void noStoreUnderAnotherKeyDoesNotBypass() {
        assertThat(everything.cacheable(request(0.0, Map.of("note", "no-store")))).isTrue();
    }

    @Test
    void aDisabledCacheIsBypassedFirst() {
        AiRequest request = request(0.7, Map.of("cache-control", "no-store"));

        assertThat(CachePolicy.disabled().cacheable(request(0.0, Map.of()))).isFalse();
        assertThat(CachePolicy.disabled().bypassReason(request)).isEqualTo(CachePolicy.DISABLED);
        assertThat(deterministicOnly.bypassReason(request)).as("no-store before temperature").isEqualTo(CachePolicy.NO_STORE);
    }

    @Test
    void anEnabledCacheNeedsAPositiveTtl() {
        assertThatThrownBy(() -> new CachePolicy(true, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache.ttl must be positive");
        assertThatThrownBy(() -> new CachePolicy(true, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache.ttl");
        assertThatThrownBy(() -> new CachePolicy(false, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache.ttl");
        assertThat(new CachePolicy(false, null).ttl()).isEqualTo(Duration.ZERO);
    }
}
