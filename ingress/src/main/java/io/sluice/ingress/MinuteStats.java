package io.sluice.ingress;

import io.sluice.avro.MetricsRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One minute of one tenant x model as the dashboard keeps it: the counts and sketches of a
 * {@code MetricsRecord}, without the fields it derives from them (precomputed percentiles and
 * rates cannot be combined; these can). Money stays in micro-dollars.
 */
record MinuteStats(
        String tenant,
        String model,
        Instant minute,
        long revision,
        long requests,
        long successes,
        long rejections,
        long errors,
        QuantileSketch latency,
        QuantileSketch ttft,
        long promptTokens,
        long completionTokens,
        long costMicros,
        long savedCostMicros,
        long cacheHits,
        long cacheMisses) {

    /**
     * What {@code record} says, its window start cut to the minute; throws IllegalArgumentException
     * for a record that breaks its schema's rules (no tenant or model, negative counts, a bad sketch).
     */
    static MinuteStats of(MetricsRecord record) {
        if (record.getTenantId() == null || record.getTenantId().isEmpty()
                || record.getModel() == null || record.getModel().isEmpty()) {
            throw new IllegalArgumentException("a metrics record needs a tenant and a model");
        }
        long[] counts = {record.getRequests(), record.getSuccesses(), record.getRejections(), record.getErrors(),
                record.getPromptTokens(), record.getCompletionTokens(), record.getCostMicros(),
                record.getSavedCostMicros(), record.getCacheHits(), record.getCacheMisses()};
        for (long count : counts) {
            if (count < 0) {
                throw new IllegalArgumentException("a metrics record's counts and costs must not be negative");
            }
        }
        return new MinuteStats(record.getTenantId(), record.getModel(),
                record.getWindowStart().truncatedTo(ChronoUnit.MINUTES), record.getRevision(),
                record.getRequests(), record.getSuccesses(), record.getRejections(), record.getErrors(),
                QuantileSketch.of(record.getLatency()), QuantileSketch.of(record.getTtft()),
                record.getPromptTokens(), record.getCompletionTokens(), record.getCostMicros(),
                record.getSavedCostMicros(), record.getCacheHits(), record.getCacheMisses());
    }
}
