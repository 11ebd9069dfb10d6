package io.sluice.processors.gateway;

import io.sluice.avro.AiRequest;
import io.sluice.avro.AuditAction;
import io.sluice.avro.Invocation;
import io.sluice.avro.ModelRecord;
import io.sluice.avro.Target;
import io.sluice.avro.TenantRecord;
import io.sluice.processors.cache.CacheKeys;
import io.sluice.processors.cache.CachePolicy;
import io.sluice.processors.cache.ResponseCache;
import io.sluice.processors.finops.BudgetBook;
import io.sluice.processors.finops.Dirty;
import io.sluice.processors.finops.RateLimiter;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** The stateful stages of the request path, as processors over their stores. */
final class StageProcessors {
    private StageProcessors() {}

    /**
     * Admission, knowing the tenants of the admin API from the {@code tenants-directory} global
     * store, the model registry from {@code models-registry}, and who used which registry version
     * from {@code model-first-use}.
     */
    static final class Admit implements FixedKeyProcessor<String, Decision, Decision>, GatewayStages.Registry {
        private final GatewayStages stages;
        private FixedKeyProcessorContext<String, Decision> context;
        private TimestampedKeyValueStore<String, TenantRecord> tenants;
        private TimestampedKeyValueStore<String, ModelRecord> models;
        private KeyValueStore<String, Long> uses;

        Admit(GatewayStages stages) {
            this.stages = stages;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Decision> context) {
            this.context = context;
            this.tenants = context.getStateStore(GatewayStores.TENANTS);
            this.models = context.getStateStore(GatewayStores.MODELS);
            this.uses = context.getStateStore(GatewayStores.MODEL_USES);
        }

        @Override
        public void process(FixedKeyRecord<String, Decision> record) {
            context.forward(record.withValue(stages.admit(record.value(), tenant -> tenants.get(tenant) != null, this)));
        }

        @Override
        public Optional<ModelRecord> model(String name) {
            return Optional.ofNullable(models.get(name)).map(ValueAndTimestamp::value);
        }

        @Override
        public boolean usedBefore(String use) {
            return uses.get(use) != null;
        }

        @Override
        public void use(String use, long atMillis) {
            uses.putIfAbsent(use, atMillis);
        }
    }

    /**
     * The tenants' policies as one processor sees them: the configuration, and the admin API's
     * tenants in the {@code tenants-directory} global store.
     */
    static TenantPolicies policies(GatewaySettings settings, ProcessingContext context) {
        TimestampedKeyValueStore<String, TenantRecord> tenants = context.getStateStore(GatewayStores.TENANTS);
        return new TenantPolicies(settings, tenant -> {
            ValueAndTimestamp<TenantRecord> record = tenants.get(tenant);
            return record == null ? null : record.value();
        });
    }

    /** A stage without a store of its own that decides by the tenant's policy (sanitize, route). */
    static final class ByPolicy implements FixedKeyProcessor<String, Decision, Decision> {
        private final GatewaySettings settings;
        private final BiFunction<Decision, TenantPolicies, Decision> stage;
        private FixedKeyProcessorContext<String, Decision> context;
        private TenantPolicies policies;

        ByPolicy(GatewaySettings settings, BiFunction<Decision, TenantPolicies, Decision> stage) {
            this.settings = settings;
            this.stage = stage;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Decision> context) {
            this.context = context;
            this.policies = policies(settings, context);
        }

        @Override
        public void process(FixedKeyRecord<String, Decision> record) {
            context.forward(record.withValue(stage.apply(record.value(), policies)));
        }
    }

    /** Rate limits, against the {@code rate-limits} store. */
    static final class Limit implements FixedKeyProcessor<String, Decision, Decision> {
        private final Spending spending;
        private final GatewaySettings settings;
        private FixedKeyProcessorContext<String, Decision> context;
        private RateLimiter limiter;
        private TenantPolicies policies;

        Limit(Spending spending, GatewaySettings settings) {
            this.spending = spending;
            this.settings = settings;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Decision> context) {
            this.context = context;
            this.limiter = new RateLimiter(context.getStateStore(GatewayStores.RATE_LIMITS));
            this.policies = policies(settings, context);
        }

        @Override
        public void process(FixedKeyRecord<String, Decision> record) {
            context.forward(record.withValue(spending.limit(record.value(), limiter, policies)));
        }
    }

    /** Budget reservations, against the budget stores. */
    static final class Reserve implements FixedKeyProcessor<String, Decision, Decision> {
        private final Spending spending;
        private final GatewaySettings settings;
        private FixedKeyProcessorContext<String, Decision> context;
        private BudgetBook budgets;

        Reserve(Spending spending, GatewaySettings settings) {
            this.spending = spending;
            this.settings = settings;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Decision> context) {
            this.context = context;
            this.budgets = new BudgetBook(settings.finops(), policies(settings, context)::budgets,
                    context.getStateStore(GatewayStores.BUDGETS),
                    context.getStateStore(GatewayStores.RESERVATIONS), context.getStateStore(GatewayStores.SETTLED),
                    new Dirty(context.getStateStore(GatewayStores.DIRTY)));
        }

        /**
         * A request whose response was settled already is a replay (at-least-once reprocessing
         * after a crash): it has its outcome, so it is dropped instead of being invoked again.
         */
        @Override
        public void process(FixedKeyRecord<String, Decision> record) {
            Decision decision = record.value();
            if (decision instanceof Decision.Pending && budgets.settled(decision.request().getRequestId())) {
                return;
            }
            context.forward(record.withValue(spending.reserve(decision, budgets)));
        }
    }

    /**
     * The response cache, after the reservation: a fresh answer is given straight away (its
     * reservation is settled at zero when that answer reaches {@code responses}); an identical call
     * in flight takes the request as a waiter; otherwise the invocation goes on marked with its key
     * so that its answer fills the cache. Requests whose prompt was masked with placeholders are
     * never cached: their answers carry the requester's own data back.
     */
    static final class Lookup implements FixedKeyProcessor<String, Decision, Decision> {
        private final GatewaySettings settings;
        private final GatewayStages stages;
        private final Clock clock;
        private FixedKeyProcessorContext<String, Decision> context;
        private ResponseCache cache;
        private TenantPolicies policies;

        Lookup(GatewaySettings settings, GatewayStages stages, Clock clock) {
            this.settings = settings;
            this.stages = stages;
            this.clock = clock;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Decision> context) {
            this.context = context;
            this.policies = policies(settings, context);
            this.cache = new ResponseCache(context.getStateStore(GatewayStores.RESPONSE_CACHE),
                    context.getStateStore(GatewayStores.CACHE_CALLS));
        }

        @Override
        public void process(FixedKeyRecord<String, Decision> record) {
            context.forward(record.withValue(lookup(record.value())));
        }

        private Decision lookup(Decision decision) {
            if (!(decision instanceof Decision.Pending pending) || pending.invocation() == null) {
                return decision;
            }
            AiRequest request = pending.request();
            String tenant = request.getTenantId();
            CachePolicy policy = settings.cache().policyFor(tenant);
            Invocation invocation = pending.invocation();
            if (!policy.cacheable(request) || invocation.getTargets().isEmpty()
                    || pending.output() != null && !pending.output().getRestore().isEmpty()) {
                return decision;
            }
            Target first = invocation.getTargets().get(0);
            String key = CacheKeys.of(tenant, request, first, null, policies.cacheVersion(tenant));
            Instant now = clock.instant();
            ResponseCache.Lookup found = cache.lookup(key, invocation, now, now.minus(settings.cache().waitTimeout()));
            if (found instanceof ResponseCache.Hit hit) {
                var response = CacheAnswers.hit(request, hit.answer(), pending.rateLimit(), now);
                return pending.answered(response, CacheAnswers.hitEvent(request, response, now));
            }
            if (found instanceof ResponseCache.Joined joined) {
                return pending.parked(stages.event(request, AuditAction.OTHER)
                        .setEventId(request.getRequestId() + ":CACHE_WAIT")
                        .setReason("cache_wait")
                        .setDetails(java.util.Map.of("leader", joined.leaderRequestId()))
                        .build());
            }
            cache.calling(key, request.getRequestId(), first.getModel(), now);
            return pending.invoking(Invocation.newBuilder(invocation).setCacheKey(key).build(), null);
        }
    }
}
