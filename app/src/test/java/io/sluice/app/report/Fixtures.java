package io.sluice.app.report;

import io.sluice.avro.CostGranularity;
import io.sluice.avro.CostRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Cost records and rows for the report tests. */
final class Fixtures {
    private Fixtures() {}

    static CostRecord record(CostGranularity granularity, Instant periodStart, String tenant, String app, String model,
            long revision, long requests, long costMicros) {
        return CostRecord.newBuilder()
                .setTenantId(tenant).setAppId(app).setModel(model)
                .setGranularity(granularity).setPeriodStart(periodStart).setRevision(revision)
                .setRequests(requests).setErrors(0).setCacheHits(0)
                .setPromptTokens(requests * 100).setCompletionTokens(requests * 10).setCachedPromptTokens(0)
                .setCostMicros(costMicros).setSavedMicros(0)
                .setUpdatedAt(periodStart.plusSeconds(60))
                .build();
    }

    static CostRecord day(String date, String tenant, String app, String model, long revision, long requests, long costMicros) {
        return record(CostGranularity.DAY, midnight(date), tenant, app, model, revision, requests, costMicros);
    }

    static Instant midnight(String date) {
        return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static CostRow row(String date, String tenant, String app, String model, long requests, long tokens, long costMicros,
            long savedMicros) {
        return new CostRow(LocalDate.parse(date), tenant, app, model, requests, 0, 0, tokens - tokens / 10, tokens / 10, 0,
                costMicros, savedMicros);
    }

    static ReportPeriod period(String from, String to) {
        return new ReportPeriod(LocalDate.parse(from), LocalDate.parse(to));
    }
}
