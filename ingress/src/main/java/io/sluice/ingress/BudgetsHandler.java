package io.sluice.ingress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.avro.BudgetStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code GET /v1/budgets}: the caller's budgets (its tenant's, and its app's) in the current
 * periods, or every tenant's for an admin key. Amounts are exact decimal dollars; the state is as
 * the gateway last published it (about a second behind).
 */
final class BudgetsHandler implements RouteTable.Handler {
    private static final JsonFactory JSON = new JsonFactory();

    private final ApiKeyAuthenticator auth;
    private final BudgetBoard board;

    BudgetsHandler(ApiKeyAuthenticator auth, BudgetBoard board) {
        this.auth = auth;
        this.board = board;
    }

    @Override
    public void handle(Exchange exchange) {
        List<BudgetStatus> visible;
        if (Authentication.adminKey(auth, exchange.request()).isPresent()) {
            visible = board.budgets(null);
        } else {
            ApiKey key;
            try {
                key = Authentication.tenantKey(auth, exchange);
            } catch (ApiException e) {
                exchange.respond(e.error());
                return;
            }
            String appScope = key.appId() == null ? null : "app:" + key.appId();
            visible = board.budgets(key.tenantId()).stream()
                    .filter(b -> b.getScope().equals("tenant") || b.getScope().equals(appScope))
                    .toList();
        }
        exchange.respond(HttpResponses.json(HttpResponseStatus.OK, render(visible)));
    }

    static byte[] render(List<BudgetStatus> budgets) {
        var out = new ByteArrayOutputStream(256 + budgets.size() * 256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            for (BudgetStatus b : budgets) {
                long remaining = Math.max(0, b.getLimitMicros() - b.getCommittedMicros() - b.getReservedMicros());
                g.writeStartObject();
                g.writeStringField("object", "budget");
                g.writeStringField("tenant", b.getTenantId());
                g.writeStringField("scope", b.getScope());
                g.writeStringField("period", b.getPeriod());
                g.writeStringField("period_start", b.getPeriodStart().toString());
                g.writeStringField("period_end", b.getPeriodEnd().toString());
                g.writeStringField("mode", b.getHard() ? "hard" : "soft");
                g.writeNumberField("limit_usd", dollars(b.getLimitMicros()));
                g.writeNumberField("committed_usd", dollars(b.getCommittedMicros()));
                g.writeNumberField("reserved_usd", dollars(b.getReservedMicros()));
                g.writeNumberField("remaining_usd", dollars(remaining));
                g.writeNumberField("used_percent", b.getLimitMicros() == 0 ? BigDecimal.valueOf(100)
                        : BigDecimal.valueOf(b.getCommittedMicros() * 100).divide(BigDecimal.valueOf(b.getLimitMicros()),
                                2, java.math.RoundingMode.HALF_UP));
                g.writeStringField("updated_at", b.getUpdatedAt().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static BigDecimal dollars(long micros) {
        return BigDecimal.valueOf(micros, 6);
    }
}
