package io.sluice.app.report;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/**
 * The totals of one tenant x app x model on one UTC day, as the highest revision of its DAY cost
 * record holds them. Money is in micro-dollars.
 *
 * @param app empty when the requests named no app
 */
record CostRow(
        LocalDate date,
        String tenant,
        String app,
        String model,
        long requests,
        long errors,
        long cacheHits,
        long promptTokens,
        long completionTokens,
        long cachedPromptTokens,
        long costMicros,
        long savedMicros) {

    /** The order of every report: day, then tenant, app and model. */
    static final Comparator<CostRow> ORDER = Comparator.comparing(CostRow::date)
            .thenComparing(CostRow::tenant)
            .thenComparing(CostRow::app)
            .thenComparing(CostRow::model);

    CostRow {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(model, "model");
    }

    /** Prompt plus completion tokens (cached prompt tokens are part of the prompt tokens). */
    long tokens() {
        return promptTokens + completionTokens;
    }
}
