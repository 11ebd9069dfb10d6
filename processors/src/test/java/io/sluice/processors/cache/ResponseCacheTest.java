package io.sluice.processors.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiResponse;
import io.sluice.avro.Invocation;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Timings;
import io.sluice.processors.TestStores;
import io.sluice.processors.cache.ResponseCache.Finished;
import io.sluice.processors.cache.ResponseCache.Hit;
import io.sluice.processors.cache.ResponseCache.Joined;
import io.sluice.processors.cache.ResponseCache.Miss;
import io.sluice.processors.provider.TestRequests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** Fresh answers by key, and identical misses waiting for one call, over real in-memory stores. */
class ResponseCacheTest {
    private static final String KEY = "acme/k1";
    private static final Instant T0 = Instant.parse("2025-03-04T10:00:00Z");
    private static final Duration WAIT = Duration.ofMinutes(5);

    private final ResponseCache cache = new ResponseCache(
            TestStores.open("response-cache", Serdes.String(), ResponseCache.serde()),
            TestStores.open("cache-calls", Serdes.String(), ResponseCache.serde()));

    private static Invocation invocation(String requestId) {
        return Invocation.newBuilder()
                .setRequest(TestRequests.request(requestId, "What is a monad?").build())
                .setDeployment("openai-eu")
                .setProvider("openai")
                .setUpstreamModel("gpt-4o-mini")
                .setAdmittedAt(T0)
                .setCacheKey(KEY)
                .build();
    }

    private static AiResponse response(String requestId) {
        return AiResponse.newBuilder()
                .setRequestId(requestId)
                .setTenantId("acme")
                .setStatus(ResponseStatus.SUCCESS)
                .setModel("fast")
                .setServedModel("gpt-4o-mini")
                .setCreated(T0.getEpochSecond())
                .setCostMicros(120)
                .setTimings(Timings.newBuilder().setReceivedAt(T0).setCompletedAt(T0.plusSeconds(1)).build())
                .build();
    }

    private ResponseCache.Lookup lookup(String requestId, Instant now) {
        return cache.lookup(KEY, invocation(requestId), now, now.minus(WAIT));
    }

    @Test
    void anIdenticalMissWaitsForTheCallInFlightAndALaterRequestHits() {
        assertThat(lookup("r1", T0)).isEqualTo(new Miss());
        cache.calling(KEY, "r1", "gpt-4o-mini", T0);

        assertThat(lookup("r2", T0.plusSeconds(1))).isEqualTo(new Joined("r1"));

        Finished finished = cache.finished(response("r1"), true, T0.plusSeconds(3_600));
        assertThat(finished.key()).isEqualTo(KEY);
        assertThat(finished.waiters()).extracting(w -> w.getRequest().getRequestId()).containsExactly("r2");

        assertThat(lookup("r3", T0.plusSeconds(2))).isInstanceOfSatisfying(Hit.class,
                hit -> assertThat(hit.answer()).isEqualTo(response("r1")));
    }

    @Test
    void everyWaiterIsHandedBackInTheOrderItCame() {
        lookup("r1", T0);
        cache.calling(KEY, "r1", "gpt-4o-mini", T0);
        lookup("r2", T0);
        lookup("r3", T0);

        Finished finished = cache.finished(response("r1"), true, T0.plusSeconds(60));

        assertThat(finished.waiters()).extracting(w -> w.getRequest().getRequestId()).containsExactly("r2", "r3");
    }

    @Test
    void anExpiredAnswerIsAMiss() {
        cache.calling(KEY, "r1", "gpt-4o-mini", T0);
        cache.finished(response("r1"), true, T0.plusSeconds(60));

        assertThat(lookup("r2", T0.plusMillis(59_999))).isInstanceOf(Hit.class);
        assertThat(lookup("r3", T0.plusSeconds(60))).isEqualTo(new Miss());
    }

    @Test
    void aFailureHandsBackItsWaitersAndStoresNothing() {
        cache.calling(KEY, "r1", "gpt-4o-mini", T0);
        lookup("r2", T0);

        Finished finished = cache.finished(response("r1"), false, T0.plusSeconds(3_600));

        assertThat(finished.waiters()).extracting(w -> w.getRequest().getRequestId()).containsExactly("r2");
        assertThat(lookup("r3", T0.plusSeconds(1))).isEqualTo(new Miss());
    }

    @Test
    void aResponseNobodyWasCallingForIsIgnored() {
        assertThat(cache.finished(response("r9"), true, T0.plusSeconds(3_600))).isNull();
        assertThat(lookup("r1", T0)).isEqualTo(new Miss());
    }

    @Test
    void aCallOlderThanTheWaitTimeoutIsNotJoined() {
        cache.calling(KEY, "r1", "gpt-4o-mini", T0);

        assertThat(lookup("r2", T0.plus(WAIT).plusMillis(1))).isEqualTo(new Miss());
        assertThat(lookup("r3", T0.plus(WAIT))).as("exactly the timeout still waits").isEqualTo(new Joined("r1"));
    }

    @Test
    void aNewLeaderTakesOverTheWaitersOfAStaleCall() {
        cache.calling(KEY, "r1", "gpt-4o-mini", T0);
        lookup("r2", T0);
        Instant later = T0.plus(WAIT).plusSeconds(1);
        cache.calling(KEY, "r3", "gpt-4o-mini", later);

        assertThat(cache.finished(response("r1"), true, later.plusSeconds(60)))
                .as("the old leader's late answer answers nobody").isNull();
        assertThat(cache.finished(response("r3"), true, later.plusSeconds(60)).waiters())
                .extracting(w -> w.getRequest().getRequestId()).containsExactly("r2");
    }

    @Test
    void abandoningStaleCallsHandsBackTheirWaiters() {
        cache.calling(KEY, "r1", "gpt-4o-mini", T0);
        lookup("r2", T0);
        cache.calling("acme/fresh", "r5", "gpt-4o-mini", T0.plusSeconds(200));
        List<List<Invocation>> orphaned = new ArrayList<>();

        String cursor = cache.abandonStale(null, 100, T0.plusSeconds(100), orphaned::add);

        assertThat(cursor).isNull();
        assertThat(orphaned).singleElement().satisfies(waiters ->
                assertThat(waiters).extracting(w -> w.getRequest().getRequestId()).containsExactly("r2"));
        assertThat(cache.finished(response("r1"), true, T0.plusSeconds(3_600))).as("r1 no longer calls").isNull();
        assertThat(cache.finished(response("r5"), true, T0.plusSeconds(3_600))).as("r5 still calls").isNotNull();
    }

    @Test
    void anAnswerFromAFallbackModelAnswersTheWaitersButIsNotStored() {
        // given a call made for gpt-4o, with a waiter
        cache.calling(KEY, "r1", "gpt-4o", T0);
        assertThat(lookup("r2", T0.plusSeconds(1))).isInstanceOf(ResponseCache.Joined.class);

        // when the answer comes from gpt-4o-mini (a fallback)
        ResponseCache.Finished finished = cache.finished(response("r1"), true, T0.plusSeconds(3600));

        // then the waiter is answered, but the next identical request misses
        assertThat(finished.waiters()).hasSize(1);
        assertThat(lookup("r3", T0.plusSeconds(2))).isInstanceOf(ResponseCache.Miss.class);
    }
}
