package io.sluice.processors.gateway;

import io.sluice.processors.finops.BudgetBook;
import io.sluice.processors.finops.Dirty;
import io.sluice.processors.finops.RateLimiter;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** The stateful stages of the request path, as processors over their stores. */
final class StageProcessors {
    private StageProcessors() {}

    /** Rate limits, against the {@code rate-limits} store. */
    static final class Limit implements FixedKeyProcessor<String, Decision, Decision> {
        private final Spending spending;
        private FixedKeyProcessorContext<String, Decision> context;
        private RateLimiter limiter;

        Limit(Spending spending) {
            this.spending = spending;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Decision> context) {
            this.context = context;
            this.limiter = new RateLimiter(context.getStateStore(GatewayStores.RATE_LIMITS));
        }

        @Override
        public void process(FixedKeyRecord<String, Decision> record) {
            context.forward(record.withValue(spending.limit(record.value(), limiter)));
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
            this.budgets = new BudgetBook(settings.finops(), context.getStateStore(GatewayStores.BUDGETS),
                    context.getStateStore(GatewayStores.RESERVATIONS), context.getStateStore(GatewayStores.SETTLED),
                    new Dirty(context.getStateStore(GatewayStores.DIRTY)));
        }

        @Override
        public void process(FixedKeyRecord<String, Decision> record) {
            context.forward(record.withValue(spending.reserve(record.value(), budgets)));
        }
    }
}
