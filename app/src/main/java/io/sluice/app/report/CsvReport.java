package io.sluice.app.report;

import java.util.List;

/**
 * One CSV line per tenant x app x model x day, in {@link CostRow#ORDER}, money as exact dollars
 * with six decimals. The columns are
 * {@value #HEADER}.
 */
final class CsvReport {
    static final String HEADER = "date,tenant,app,model,requests,errors,cache_hits,prompt_tokens,completion_tokens,"
            + "cached_prompt_tokens,cost_usd,saved_usd";

    private CsvReport() {}

    static String render(List<CostRow> rows) {
        var out = new StringBuilder(HEADER).append(Csv.EOL);
        for (CostRow r : rows) {
            Csv.line(out, List.of(r.date().toString(), r.tenant(), r.app(), r.model(),
                    Long.toString(r.requests()), Long.toString(r.errors()), Long.toString(r.cacheHits()),
                    Long.toString(r.promptTokens()), Long.toString(r.completionTokens()),
                    Long.toString(r.cachedPromptTokens()), Money.usd(r.costMicros()), Money.usd(r.savedMicros())));
        }
        return out.toString();
    }
}
