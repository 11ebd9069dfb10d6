package io.sluice.processors.observe;

import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.MetricsRecord;
import io.sluice.schemas.metrics.QuantileSketch;
import java.time.Instant;
import java.util.HashMap;

/** One minute of one tenant x model being counted: the record to publish and its two sketches. */
final class MinuteWindow {
    static final long MINUTE = 60_000;
    private static final char SEPARATOR = '\u001f';

    final MetricsRecord record;
    final QuantileSketch latency;
    final QuantileSketch ttft;

    private MinuteWindow(MetricsRecord record) {
        this.record = record;
        this.latency = QuantileSketch.of(record.getLatency());
        this.ttft = QuantileSketch.of(record.getTtft());
    }

    static MinuteWindow open(String tenant, String model, long windowStart) {
        var empty = new QuantileSketch().toAvro();
        return new MinuteWindow(MetricsRecord.newBuilder()
                .setTenantId(tenant)
                .setModel(model)
                .setWindowStart(Instant.ofEpochMilli(windowStart))
                .setWindowEnd(Instant.ofEpochMilli(windowStart + MINUTE))
                .setRevision(0)
                .setErrorsByType(new HashMap<>())
                .setLatency(empty)
                .setTtft(QuantileSketch.of(empty).toAvro())
                .setUpdatedAt(Instant.ofEpochMilli(windowStart))
                .build());
    }

    static MinuteWindow of(MetricsRecord stored) {
        return new MinuteWindow(stored);
    }

    /** Store key: tenant, model and the zero-padded window start, so a tenant's windows sort together by time. */
    static String key(String tenant, String model, long windowStart) {
        return tenant + SEPARATOR + model + SEPARATOR + String.format("%019d", windowStart);
    }

    static long windowStart(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf(SEPARATOR) + 1));
    }

    static long startOf(long millis) {
        return Math.floorDiv(millis, MINUTE) * MINUTE;
    }

    /** Counts an event: a request's outcome, a sanitizer finding or a piece of feedback. */
    void count(AuditEvent event) {
        if (event.getOutcome()) {
            countOutcome(event);
        } else if (event.getAction() == AuditAction.SANITIZED) {
            record.setSanitizerFlagged(record.getSanitizerFlagged() + 1);
        } else if (event.getAction() == AuditAction.FEEDBACK) {
            countFeedback(event);
        }
    }

    private void countOutcome(AuditEvent event) {
        record.setRequests(record.getRequests() + 1);
        int status = event.getHttpStatus() == null ? 200 : event.getHttpStatus();
        if (event.getAction() == AuditAction.REJECTED) {
            record.setRejections(record.getRejections() + 1);
            countError(event);
        } else if (status >= 400) {
            record.setErrors(record.getErrors() + 1);
            countError(event);
        } else {
            record.setSuccesses(record.getSuccesses() + 1);
            if (event.getLatencyMs() != null) {
                latency.add(event.getLatencyMs());
            }
            String ttftMs = event.getDetails().get("ttftMs");
            if (ttftMs != null) {
                ttft.add(Double.parseDouble(ttftMs));
            }
        }
        record.setPromptTokens(record.getPromptTokens() + orZero(event.getPromptTokens()));
        record.setCompletionTokens(record.getCompletionTokens() + orZero(event.getCompletionTokens()));
        record.setCostMicros(record.getCostMicros() + (event.getCostMicros() == null ? 0 : event.getCostMicros()));
        if (event.getAction() == AuditAction.CACHE_HIT || "hit".equals(event.getCache())) {
            record.setCacheHits(record.getCacheHits() + 1);
            String saved = event.getDetails().get("savedMicros");
            if (saved != null) {
                record.setSavedCostMicros(record.getSavedCostMicros() + Long.parseLong(saved));
            }
        } else if ("miss".equals(event.getCache())) {
            record.setCacheMisses(record.getCacheMisses() + 1);
        }
    }

    private void countError(AuditEvent event) {
        String code = event.getDetails().getOrDefault("errorCode", event.getReason());
        record.getErrorsByType().merge(code == null ? "unknown" : code, 1L, Long::sum);
    }

    private void countFeedback(AuditEvent event) {
        record.setFeedbackCount(record.getFeedbackCount() + 1);
        Boolean positive = Feedback.positive(event.getDetails());
        if (positive != null) {
            if (positive) {
                record.setFeedbackPositive(record.getFeedbackPositive() + 1);
            } else {
                record.setFeedbackNegative(record.getFeedbackNegative() + 1);
            }
        }
    }

    private static long orZero(Integer n) {
        return n == null ? 0 : n;
    }

    /** The record as stored: counts so far with the sketches folded in. */
    MetricsRecord stored(Instant now) {
        record.setLatency(latency.toAvro());
        record.setTtft(ttft.toAvro());
        record.setUpdatedAt(now);
        return record;
    }

    /** The record as published: the next revision, with the quantiles and rates worked out. */
    MetricsRecord published(Instant now) {
        stored(now);
        record.setRevision(record.getRevision() + 1);
        record.setLatencyP50Ms(latency.quantile(0.50));
        record.setLatencyP95Ms(latency.quantile(0.95));
        record.setLatencyP99Ms(latency.quantile(0.99));
        record.setTtftP50Ms(ttft.quantile(0.50));
        record.setTtftP95Ms(ttft.quantile(0.95));
        record.setTtftP99Ms(ttft.quantile(0.99));
        long lookups = record.getCacheHits() + record.getCacheMisses();
        record.setCacheHitRate(lookups == 0 ? 0 : (double) record.getCacheHits() / lookups);
        long rated = record.getFeedbackPositive() + record.getFeedbackNegative();
        record.setFeedbackRatio(rated == 0 ? 0 : (double) record.getFeedbackPositive() / rated);
        record.setFlagRate(record.getRequests() == 0 ? 0 : (double) record.getSanitizerFlagged() / record.getRequests());
        return MetricsRecord.newBuilder(record).build();
    }
}
