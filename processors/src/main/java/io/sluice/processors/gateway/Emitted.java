package io.sluice.processors.gateway;

import io.sluice.avro.AiResponse;
import io.sluice.avro.Alert;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.BudgetStatus;
import io.sluice.avro.CostRecord;
import io.sluice.avro.Invocation;

/** What the settlement side of the gateway sends out, each to its own topic. */
sealed interface Emitted {
    record Cost(CostRecord record) implements Emitted {}

    /** Keyed by the budget's status key, on the compacted budgets topic. */
    record Budget(BudgetStatus status) implements Emitted {}

    record Raised(Alert alert) implements Emitted {}

    record Audited(AuditEvent event) implements Emitted {}

    /** An answer the gateway gives itself (to a request that waited for an identical one). */
    record Answer(AiResponse response) implements Emitted {}

    /** A waiting request invoked on its own after all. */
    record Invoke(Invocation invocation) implements Emitted {}
}
