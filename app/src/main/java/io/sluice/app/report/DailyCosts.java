package io.sluice.app.report;

import io.sluice.avro.CostGranularity;
import io.sluice.avro.CostRecord;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds cost records, in the order they were read, into one row per tenant x app x model x UTC day
 * of a period. Records of one aggregate replace each other and the highest revision holds the
 * totals (a later record with the same revision replaces the earlier, as a replay would). HOUR
 * records are ignored: the DAY aggregate of the same requests already holds them. Only the
 * aggregates of the period are kept, so memory grows with the report, not with the topic.
 */
final class DailyCosts {
    private record Key(String tenant, String app, String model, LocalDate date) {}

    private final ReportPeriod period;
    private final Map<Key, CostRecord> latest = new HashMap<>();
    private long seen;

    DailyCosts(ReportPeriod period) {
        this.period = period;
    }

    void accept(CostRecord record) {
        seen++;
        if (record.getGranularity() != CostGranularity.DAY) {
            return;
        }
        LocalDate day = record.getPeriodStart().atZone(ZoneOffset.UTC).toLocalDate();
        if (!period.contains(day)) {
            return;
        }
        var key = new Key(record.getTenantId(), record.getAppId(), record.getModel(), day);
        latest.merge(key, record, (kept, next) -> next.getRevision() >= kept.getRevision() ? next : kept);
    }

    /** How many records were offered, of any granularity and day. */
    long recordsSeen() {
        return seen;
    }

    /** The latest totals of every aggregate of the period, in {@link CostRow#ORDER}. */
    List<CostRow> rows() {
        return latest.entrySet().stream()
                .map(e -> row(e.getKey(), e.getValue()))
                .sorted(CostRow.ORDER)
                .toList();
    }

    private static CostRow row(Key key, CostRecord r) {
        return new CostRow(key.date(), key.tenant(), key.app(), key.model(), r.getRequests(), r.getErrors(),
                r.getCacheHits(), r.getPromptTokens(), r.getCompletionTokens(), r.getCachedPromptTokens(),
                r.getCostMicros(), r.getSavedMicros());
    }
}
