package io.sluice.ingress;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /dashboard/data?minutes=N}: the dashboard's figures ({@link DashboardData}) for the
 * last N closed minutes (default and most: the board's window; minutes are published when they
 * close, so the current one would always look empty). An admin key
 * sees every tenant, a tenant key its own tenant only (all its apps: the metrics topic does not
 * split a tenant by app). Summing and merging run on the background executor, not the event loop.
 */
final class DashboardDataHandler implements RouteTable.Handler {
    private static final Logger log = LoggerFactory.getLogger(DashboardDataHandler.class);
    static final String MINUTES = "minutes";

    private final ApiKeyAuthenticator auth;
    private final MetricsBoard board;
    private final Executor background;

    DashboardDataHandler(ApiKeyAuthenticator auth, MetricsBoard board, Executor background) {
        this.auth = auth;
        this.board = board;
        this.background = background;
    }

    @Override
    public void handle(Exchange exchange) {
        String tenant;
        int minutes;
        try {
            tenant = Authentication.adminKey(auth, exchange.request()).isPresent() ? null
                    : Authentication.tenantKey(auth, exchange).tenantId();
            minutes = minutes(exchange.request().uri(), board.minutes());
        } catch (ApiException e) {
            exchange.respond(e.error());
            return;
        }
        try {
            background.execute(() -> exchange.respond(answer(tenant, minutes)));
        } catch (RejectedExecutionException e) {
            exchange.respond(ApiError.shuttingDown());
        }
    }

    /** The {@code minutes} of the query, from 1 to {@code most}; {@code most} when absent. Any other parameter is an error. */
    static int minutes(String uri, int most) {
        Map<String, List<String>> query = new QueryStringDecoder(uri).parameters();
        for (String name : query.keySet()) {
            if (!name.equals(MINUTES)) {
                throw new ApiException(ApiError.unknownParameter(name));
            }
        }
        List<String> values = query.get(MINUTES);
        if (values == null) {
            return most;
        }
        String message = "'minutes' must be one whole number from 1 to " + most + ".";
        if (values.size() != 1 || !values.get(0).matches("[0-9]{1,4}")) {
            throw new ApiException(ApiError.invalidValue(message, MINUTES));
        }
        int minutes = Integer.parseInt(values.get(0));
        if (minutes < 1 || minutes > most) {
            throw new ApiException(ApiError.invalidValue(message, MINUTES));
        }
        return minutes;
    }

    private FullHttpResponse answer(String tenant, int count) {
        try {
            Instant current = board.currentMinute();
            List<Instant> minutes = new ArrayList<>(count);
            for (int i = count; i >= 1; i--) {
                minutes.add(current.minusSeconds(60L * i));
            }
            byte[] body = DashboardData.render(board.series(tenant, minutes.get(0)), minutes, tenant, board.now());
            FullHttpResponse response = HttpResponses.json(HttpResponseStatus.OK, body);
            response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
            return response;
        } catch (RuntimeException e) {
            log.error("dashboard.data_failed tenant={}", tenant == null ? "*" : tenant, e);
            return HttpResponses.error(ApiError.internal());
        }
    }
}
