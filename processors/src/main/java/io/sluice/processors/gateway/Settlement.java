package io.sluice.processors.gateway;

import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.BudgetStatus;
import io.sluice.avro.CostRecord;
import io.sluice.avro.Invocation;
import io.sluice.avro.ResponseStatus;
import io.sluice.processors.cache.ResponseCache;
import io.sluice.processors.finops.BudgetBook;
import io.sluice.processors.finops.CostBook;
import io.sluice.processors.finops.Dirty;
import io.sluice.processors.finops.Ledger.Reservation;
import io.sluice.processors.finops.RateLimiter;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response side of the gateway: every final response (the invoker's, and the gateway's own
 * rejections) settles its budget reservation with the actual cost and is added to the cost totals,
 * once per request id. On a wall-clock schedule it publishes the budgets and totals that changed,
 * releases reservations that expired (audited {@code EXPIRED}), and sweeps old state a slice at a
 * time.
 */
final class Settlement implements Processor<String, AiResponse, String, Emitted> {
    private static final Logger log = LoggerFactory.getLogger(Settlement.class);
    /** Entries published, and entries each sweep looks at, per punctuation. */
    static final int SLICE = 2_000;

    private final GatewaySettings settings;
    private final Clock clock;
    private ProcessorContext<String, Emitted> context;
    private BudgetBook budgets;
    private CostBook costs;
    private RateLimiter limiter;
    private Dirty dirty;
    private String reservationCursor;
    private String settledCursor;
    private String periodCursor;
    private String limitCursor;
    private String totalsCursor;
    private String answersCursor;
    private String callsCursor;
    private ResponseCache cache;

    Settlement(GatewaySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Emitted> context) {
        this.context = context;
        this.dirty = new Dirty(context.getStateStore(GatewayStores.DIRTY));
        this.budgets = new BudgetBook(settings.finops(), StageProcessors.policies(settings, context)::budgets,
                context.getStateStore(GatewayStores.BUDGETS),
                context.getStateStore(GatewayStores.RESERVATIONS), context.getStateStore(GatewayStores.SETTLED), dirty);
        this.costs = new CostBook(context.getStateStore(GatewayStores.COST_TOTALS), dirty);
        this.limiter = new RateLimiter(context.getStateStore(GatewayStores.RATE_LIMITS));
        this.cache = new ResponseCache(context.getStateStore(GatewayStores.RESPONSE_CACHE),
                context.getStateStore(GatewayStores.CACHE_CALLS));
        context.schedule(settings.finops().flushInterval(), PunctuationType.WALL_CLOCK_TIME, at -> housekeeping());
    }

    @Override
    public void process(Record<String, AiResponse> record) {
        AiResponse response = record.value();
        if (response == null) {
            return;
        }
        Instant now = clock.instant();
        boolean first = budgets.settle(response.getRequestId(), response.getTenantId(), response.getAppId(),
                response.getCostMicros(), response.getTimings().getReceivedAt(), now,
                alert -> emit(response.getTenantId(), new Emitted.Raised(alert)));
        if (!first) {
            log.debug("settle.replay_dropped request_id={} tenant={}", response.getRequestId(), response.getTenantId());
            return;
        }
        costs.add(response, now);
        if ("miss".equals(response.getCache())) {
            // only a call made for a cache key (the invoker marks its answer a miss) fills the cache
            // or has waiters; every other response skips the lookup
            finishCall(response, now);
        }
    }

    /** A provider's answer fills the cache and answers the identical requests that waited for it. */
    private void finishCall(AiResponse response, Instant now) {
        boolean success = response.getStatus() == ResponseStatus.SUCCESS;
        String model = response.getServedModel() == null ? response.getModel() : response.getServedModel();
        ResponseCache.Finished finished = cache.finished(response, success,
                now.plus(settings.cache().ttl(response.getTenantId(), model)));
        if (finished == null) {
            return;
        }
        for (Invocation waiter : finished.waiters()) {
            if (success) {
                AiResponse answer = CacheAnswers.hit(waiter.getRequest(), response, waiter.getRateLimit(), now);
                emit(response.getTenantId(), new Emitted.Answer(answer));
                emit(response.getTenantId(), new Emitted.Audited(CacheAnswers.hitEvent(waiter.getRequest(), answer, now)));
            } else {
                emit(response.getTenantId(), new Emitted.Invoke(waiter));
            }
        }
    }

    /** Publishes what changed, expires reservations, and sweeps a slice of each store. */
    void housekeeping() {
        Instant now = clock.instant();
        for (Map.Entry<Character, String> changed : dirty.drain(SLICE)) {
            if (changed.getKey() == Dirty.COST) {
                CostRecord total = costs.record(changed.getValue());
                if (total != null) {
                    emit(total.getTenantId(), new Emitted.Cost(total));
                }
            } else {
                BudgetStatus status = budgets.status(changed.getValue(), now);
                if (status != null && !status.getPeriodEnd().isBefore(now)) {
                    emit(BudgetBook.statusKey(status), new Emitted.Budget(status));
                }
            }
        }
        reservationCursor = budgets.expire(reservationCursor, SLICE, now, expired -> emit(expired.getValue().tenant(),
                new Emitted.Audited(expiredEvent(expired.getKey(), expired.getValue(), now))));
        settledCursor = budgets.forgetSettled(settledCursor, SLICE, now);
        periodCursor = budgets.forgetPeriods(periodCursor, SLICE, now);
        limitCursor = limiter.sweep(limitCursor, SLICE, now);
        totalsCursor = costs.forgetOld(totalsCursor, SLICE, now);
        answersCursor = cache.forgetExpired(answersCursor, SLICE, now);
        callsCursor = cache.abandonStale(callsCursor, SLICE, now.minus(settings.cache().waitTimeout()),
                waiters -> waiters.forEach(w -> emit(w.getRequest().getTenantId(), new Emitted.Invoke(w))));
    }

    private AuditEvent expiredEvent(String requestId, Reservation reservation, Instant now) {
        log.warn("budget.reservation_expired request_id={} tenant={} reserved_micros={}", requestId,
                reservation.tenant(), reservation.amountMicros());
        return AuditEvent.newBuilder()
                .setEventId(requestId + ":" + AuditAction.EXPIRED.name())
                .setRequestId(requestId)
                .setTenantId(reservation.tenant())
                .setAppId(reservation.app())
                .setStage(GatewayStages.STAGE)
                .setAction(AuditAction.EXPIRED)
                .setReason("reservation_expired")
                .setCostMicros(reservation.amountMicros())
                .setTimestamp(now)
                .setDetails(Map.of("releasedMicros", String.valueOf(reservation.amountMicros())))
                .build();
    }

    private void emit(String key, Emitted value) {
        context.forward(new Record<>(key, value, clock.millis()));
    }
}
