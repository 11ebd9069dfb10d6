package io.sluice.processors.finops;

import io.sluice.avro.AiResponse;
import io.sluice.avro.CostGranularity;
import io.sluice.avro.CostRecord;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Usage;
import io.sluice.processors.stores.Sweeps;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Running cost totals per tenant x app x model x UTC hour and day, kept in a store and published
 * when changed. Totals are bucketed by when the request was received, so a replay lands in the same
 * bucket; each response is added once (the caller drops replays through {@link BudgetBook#settle}).
 * Responses that never reached a model (rejections) cost nothing and are not counted; cache hits
 * count as requests and hits with their saving, not their tokens (no model processed any).
 */
public final class CostBook {
    /** Hour totals are kept this long after their hour, day totals this long after their day. */
    static final Duration HOUR_RETENTION = Duration.ofDays(8);
    static final Duration DAY_RETENTION = Duration.ofDays(400);
    private static final char SEP = BudgetBook.SEP;

    private final KeyValueStore<String, CostRecord> totals;
    private final Dirty dirty;

    public CostBook(KeyValueStore<String, CostRecord> totals, Dirty dirty) {
        this.totals = totals;
        this.dirty = dirty;
    }

    /** Whether the response counts: it reached a model or the cache. */
    public static boolean counts(AiResponse response) {
        return response.getServedModel() != null;
    }

    /** Adds a response to its hour and day totals. */
    public void add(AiResponse response, Instant now) {
        if (!counts(response)) {
            return;
        }
        Instant received = response.getTimings().getReceivedAt();
        add(response, CostGranularity.HOUR, received.truncatedTo(ChronoUnit.HOURS), now);
        add(response, CostGranularity.DAY, received.truncatedTo(ChronoUnit.DAYS), now);
    }

    private void add(AiResponse response, CostGranularity granularity, Instant periodStart, Instant now) {
        String app = response.getAppId() == null ? "" : response.getAppId();
        String key = response.getTenantId() + SEP + app + SEP + response.getServedModel() + SEP + granularity + SEP
                + periodStart.toEpochMilli();
        CostRecord total = totals.get(key);
        if (total == null) {
            total = CostRecord.newBuilder()
                    .setTenantId(response.getTenantId())
                    .setAppId(app)
                    .setModel(response.getServedModel())
                    .setGranularity(granularity)
                    .setPeriodStart(periodStart)
                    .setRevision(0)
                    .setUpdatedAt(now)
                    .build();
        }
        Usage usage = response.getUsage();
        total.setRevision(total.getRevision() + 1);
        total.setRequests(total.getRequests() + 1);
        if (response.getStatus() != ResponseStatus.SUCCESS) {
            total.setErrors(total.getErrors() + 1);
        }
        boolean hit = "hit".equals(response.getCache());
        if (hit) {
            total.setCacheHits(total.getCacheHits() + 1);
        }
        if (usage != null && !hit) {
            total.setPromptTokens(total.getPromptTokens() + usage.getPromptTokens());
            total.setCompletionTokens(total.getCompletionTokens() + usage.getCompletionTokens());
            total.setCachedPromptTokens(total.getCachedPromptTokens() + usage.getCachedPromptTokens());
        }
        total.setCostMicros(total.getCostMicros() + response.getCostMicros());
        total.setSavedMicros(total.getSavedMicros() + response.getSavedCostMicros());
        total.setUpdatedAt(now);
        totals.put(key, total);
        dirty.mark(Dirty.COST, key);
    }

    /** The totals under {@code key}, to publish; null if forgotten. */
    public CostRecord record(String key) {
        return totals.get(key);
    }

    /** Forgets totals whose period ended longer ago than their retention, a slice at a time. */
    public String forgetOld(String cursor, int max, Instant now) {
        return Sweeps.sweep(totals, cursor, max, (key, total) -> {
            Duration keep = total.getGranularity() == CostGranularity.HOUR ? HOUR_RETENTION : DAY_RETENTION;
            return total.getPeriodStart().plus(keep).isBefore(now);
        });
    }
}
