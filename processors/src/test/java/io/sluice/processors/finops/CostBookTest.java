package io.sluice.processors.finops;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiResponse;
import io.sluice.avro.CostGranularity;
import io.sluice.avro.CostRecord;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Timings;
import io.sluice.avro.Usage;
import io.sluice.processors.TestStores;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** Running cost totals per tenant, app, served model and UTC hour and day. */
class CostBookTest {
    private static final Instant RECEIVED = Instant.parse("2025-03-04T10:17:00Z");
    private static final Instant NOW = RECEIVED.plusSeconds(2);

    private final Dirty dirty = new Dirty(TestStores.open("finops-dirty", Serdes.String(), Serdes.Long()));
    private final CostBook book = new CostBook(
            TestStores.open("cost-totals", Serdes.String(), Ledger.avroSerde(CostRecord.getEncoder(),
                    CostRecord.getDecoder())), dirty);

    private static AiResponse.Builder response(String requestId, Instant receivedAt, long cost) {
        return AiResponse.newBuilder()
                .setRequestId(requestId)
                .setTenantId("acme")
                .setAppId("billing")
                .setStatus(ResponseStatus.SUCCESS)
                .setModel("fast")
                .setServedModel("gpt-4o-mini")
                .setCreated(receivedAt.getEpochSecond())
                .setUsage(Usage.newBuilder().setPromptTokens(100).setCompletionTokens(20).setTotalTokens(120)
                        .setCachedPromptTokens(40).build())
                .setCostMicros(cost)
                .setTimings(Timings.newBuilder().setReceivedAt(receivedAt).setCompletedAt(receivedAt.plusSeconds(1))
                        .build());
    }

    /** The changed totals, by granularity (the test adds to one hour and one day at most). */
    private Map<CostGranularity, CostRecord> changed() {
        return dirty.drain(100).stream()
                .peek(entry -> assertThat(entry.getKey()).isEqualTo(Dirty.COST))
                .map(entry -> book.record(entry.getValue()))
                .collect(Collectors.toMap(CostRecord::getGranularity, r -> r));
    }

    @Test
    void aResponseIsAddedToItsHourAndItsDay() {
        book.add(response("r1", RECEIVED, 70).build(), NOW);
        book.add(response("r2", RECEIVED.plusSeconds(60), 30).build(), NOW);

        Map<CostGranularity, CostRecord> totals = changed();

        assertThat(totals).containsOnlyKeys(CostGranularity.HOUR, CostGranularity.DAY);
        CostRecord hour = totals.get(CostGranularity.HOUR);
        assertThat(hour.getPeriodStart()).isEqualTo(Instant.parse("2025-03-04T10:00:00Z"));
        assertThat(totals.get(CostGranularity.DAY).getPeriodStart()).isEqualTo(Instant.parse("2025-03-04T00:00:00Z"));
        for (CostRecord total : totals.values()) {
            assertThat(total.getTenantId()).isEqualTo("acme");
            assertThat(total.getAppId()).isEqualTo("billing");
            assertThat(total.getModel()).isEqualTo("gpt-4o-mini");
            assertThat(total.getRequests()).isEqualTo(2);
            assertThat(total.getErrors()).isZero();
            assertThat(total.getCostMicros()).isEqualTo(100);
            assertThat(total.getPromptTokens()).isEqualTo(200);
            assertThat(total.getCompletionTokens()).isEqualTo(40);
            assertThat(total.getCachedPromptTokens()).isEqualTo(80);
            assertThat(total.getUpdatedAt()).isEqualTo(NOW);
        }
    }

    @Test
    void anotherHourOfTheSameDayIsItsOwnHourButTheSameDay() {
        book.add(response("r1", RECEIVED, 70).build(), NOW);
        book.add(response("r2", RECEIVED.plusSeconds(3_600), 30).build(), NOW);

        List<CostRecord> totals = dirty.drain(100).stream().map(e -> book.record(e.getValue())).toList();

        assertThat(totals).filteredOn(t -> t.getGranularity() == CostGranularity.HOUR)
                .extracting(CostRecord::getCostMicros).containsExactlyInAnyOrder(70L, 30L);
        assertThat(totals).filteredOn(t -> t.getGranularity() == CostGranularity.DAY)
                .extracting(CostRecord::getCostMicros).containsExactly(100L);
    }

    @Test
    void eachChangeRaisesTheRevision() {
        book.add(response("r1", RECEIVED, 70).build(), NOW);
        assertThat(changed().get(CostGranularity.HOUR).getRevision()).isEqualTo(1);

        book.add(response("r2", RECEIVED, 70).build(), NOW);
        book.add(response("r3", RECEIVED, 70).build(), NOW);

        assertThat(changed().get(CostGranularity.HOUR).getRevision()).isEqualTo(3);
    }

    @Test
    void errorsAreCountedAsRequestsAndErrors() {
        book.add(response("r1", RECEIVED, 70).build(), NOW);
        book.add(response("r2", RECEIVED, 0).setStatus(ResponseStatus.ERROR).setUsage(null).build(), NOW);

        CostRecord hour = changed().get(CostGranularity.HOUR);

        assertThat(hour.getRequests()).isEqualTo(2);
        assertThat(hour.getErrors()).isEqualTo(1);
        assertThat(hour.getPromptTokens()).isEqualTo(100);
    }

    @Test
    void aCacheHitCountsItsSavingButNoTokens() {
        book.add(response("r1", RECEIVED, 70).setCache("miss").build(), NOW);
        book.add(response("r2", RECEIVED, 0).setCache("hit").setSavedCostMicros(70).build(), NOW);

        CostRecord day = changed().get(CostGranularity.DAY);

        assertThat(day.getRequests()).isEqualTo(2);
        assertThat(day.getCacheHits()).isEqualTo(1);
        assertThat(day.getPromptTokens()).isEqualTo(100);
        assertThat(day.getCompletionTokens()).isEqualTo(20);
        assertThat(day.getCachedPromptTokens()).isEqualTo(40);
        assertThat(day.getCostMicros()).isEqualTo(70);
        assertThat(day.getSavedMicros()).isEqualTo(70);
    }

    @Test
    void aRejectionThatReachedNoModelIsNotCounted() {
        AiResponse rejected = response("r1", RECEIVED, 0).setServedModel(null).setStatus(ResponseStatus.REJECTED)
                .setUsage(null).build();

        book.add(rejected, NOW);

        assertThat(CostBook.counts(rejected)).isFalse();
        assertThat(dirty.drain(100)).isEmpty();
    }

    @Test
    void aResponseWithoutAnAppIsTotalledUnderTheEmptyApp() {
        book.add(response("r1", RECEIVED, 70).setAppId(null).build(), NOW);

        assertThat(changed().get(CostGranularity.DAY).getAppId()).isEmpty();
    }
}
