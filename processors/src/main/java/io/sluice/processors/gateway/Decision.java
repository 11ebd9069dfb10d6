package io.sluice.processors.gateway;

import io.sluice.avro.AiRequest;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.ErrorInfo;
import io.sluice.avro.Invocation;
import io.sluice.avro.OutputFilter;
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

    /** Still being decided: {@code invocation} is null until the route stage has run. */
    record Pending(AiRequest request, List<AuditEvent> audit, Invocation invocation, OutputFilter output)
            implements Decision {
        Pending with(AuditEvent event) {
            return new Pending(request, append(audit, event), invocation, output);
        }

        /** The request as the sanitize stage passes it on (masked, perhaps), and how to filter its answer. */
        Pending sanitized(AiRequest sanitized, OutputFilter filter, AuditEvent event) {
            return new Pending(sanitized, event == null ? audit : append(audit, event), invocation, filter);
        }

        Pending routed(Invocation routed, AuditEvent event) {
            return new Pending(request, append(audit, event), routed, output);
        }

        Rejected rejected(ErrorInfo error, AuditEvent event) {
            return new Rejected(request, append(audit, event), error);
        }
    }

    /** Refused; the error is answered to the requester and recorded as the request's outcome. */
    record Rejected(AiRequest request, List<AuditEvent> audit, ErrorInfo error) implements Decision {}

    static Pending start(AiRequest request) {
        return new Pending(request, List.of(), null, null);
    }

    private static List<AuditEvent> append(List<AuditEvent> events, AuditEvent event) {
        var all = new ArrayList<>(events);
        all.add(event);
        return List.copyOf(all);
    }
}
