package io.sluice.app;

import io.sluice.avro.AiRequest;
import io.sluice.ingress.BatchPricing;
import io.sluice.processors.finops.WorstCase;
import io.sluice.processors.gateway.GatewaySettings;
import io.sluice.processors.gateway.Route;
import io.sluice.processors.tokens.TokenCounter;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's worst-case estimate of a batch request, for the ingress's budget check at
 * submission: every target of the model's route and of its fallbacks, at the batch price, input
 * counted by the gateway's token counter, output {@code max_tokens} or {@code finops.default-max-tokens}.
 * A model the configuration does not route (a registry-only name) is estimated as free here; the
 * gateway still reserves it request by request.
 */
final class BatchPrices implements BatchPricing {
    private final GatewaySettings gateway;

    BatchPrices(GatewaySettings gateway) {
        this.gateway = gateway;
    }

    @Override
    public long worstCaseMicros(AiRequest request) {
        Route route = gateway.routes().get(gateway.aliases().getOrDefault(request.getModel(), request.getModel()));
        if (route == null) {
            return 0;
        }
        List<WorstCase.Priced> targets = new ArrayList<>();
        addTargets(route, targets);
        for (String fallback : route.fallbacks()) {
            Route next = gateway.routes().get(fallback);
            if (next != null) {
                addTargets(next, targets);
            }
        }
        Integer max = request.getParams() == null ? null : request.getParams().getMaxTokens();
        long output = max == null ? gateway.finops().defaultMaxTokens() : max;
        return WorstCase.micros(request, targets, output, () -> TokenCounter.promptTokens(request));
    }

    private static void addTargets(Route route, List<WorstCase.Priced> into) {
        route.targets().forEach(target -> into.add(new WorstCase.Priced(target.provider(), target.price())));
    }
}
