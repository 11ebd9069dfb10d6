package io.sluice.processors.gateway;

import io.sluice.avro.AiRequest;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.ErrorInfo;
import io.sluice.avro.Invocation;
import java.util.ArrayList;
import java.util.List;

/**
 * A request on its way through the gateway's stages. It stays in memory between the stages of one
 * stream task (no repartition), so it needs no serde. Each stage either passes it on, possibly
 * with more audit events, or turns it into a rejection; later stages leave a rejection alone.
 */
sealed interface Decision {

    AiRequest request();

    List<AuditEvent> audit();

    /** Still being decided: {@code route} is set once the route stage ran. */
    record Pending(AiRequest request, List<AuditEvent> audit, Invocation invocation) implements Decision {
        Pending with(AuditEvent event) {
            var events = new ArrayList<>(audit);
            events.add(event);
            return new Pending(request, List.copyOf(events), invocation);
        }

        Pending routed(Invocation routed, AuditEvent event) {
            var events = new ArrayList<>(audit);
            events.add(event);
            return new Pending(request, List.copyOf(events), routed);
        }
    }

    /** Refused; the error is answered to the requester and recorded as the request's outcome. */
    record Rejected(AiRequest request, List<AuditEvent> audit, ErrorInfo error) implements Decision {}

    static Pending start(AiRequest request) {
        return new Pending(request, List.of(), null);
    }
}
