package io.sluice.ingress;

import io.sluice.avro.AiRequest;

/**
 * The worst-case cost of one batch request, for the budget check at {@code POST /v1/batches}: the
 * ingress knows budgets (from the {@code budgets} topic) but not prices or tokenizers, so the
 * process that starts it supplies this from the gateway's own estimate (input tokens by the
 * gateway's counter plus {@code max_tokens} or the default allowance, at the batch price of the
 * dearest target).
 */
@FunctionalInterface
public interface BatchPricing {
    /** The most {@code request} can cost, in micro-dollars. */
    long worstCaseMicros(AiRequest request);

    /** No prices known: every batch fits every budget at submission (requests are still admitted one by one). */
    static BatchPricing free() {
        return request -> 0;
    }
}
