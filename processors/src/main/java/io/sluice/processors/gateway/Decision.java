package io.sluice.processors.gateway;

import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.Alert;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.ErrorInfo;
import io.sluice.avro.Invocation;
import io.sluice.avro.OutputFilter;
import io.sluice.avro.RateLimitStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * A request on its way through the gateway's stages. It stays in memory between the stages of one
 * stream task (no repartition), so it needs no serde. Each stage either passes it on, possibly
 * with more audit events, or settles it: a rejection, or an answer from the cache; later stages
 * leave a settled decision alone.
 */
sealed interface Decision {

    AiRequest request();

    List<AuditEvent> audit();

    /**
     * Still being decided: {@code invocation} is null until the route stage has run;
     * {@code rateLimit} is null until the rate-limit stage has run (or when no limit applies).
     */
    record Pending(AiRequest request, List<AuditEvent> audit, Invocation invocation, OutputFilter output,
            RateLimitStatus rateLimit) implements Decision {
        Pending with(AuditEvent event) {
            return new Pending(request, append(audit, event), invocation, output, rateLimit);
        }

        /** The request with its model resolved (a registry version to the configured model serving it). */
        Pending resolved(AiRequest changed, AuditEvent event) {
            return new Pending(changed, append(audit, event), invocation, output, rateLimit);
        }

        Pending limited(RateLimitStatus status) {
            return new Pending(request, audit, invocation, output, status);
        }

        /** The request as the sanitize stage passes it on (masked, perhaps), and how to filter its answer. */
        Pending sanitized(AiRequest sanitized, OutputFilter filter, AuditEvent event) {
            return new Pending(sanitized, event == null ? audit : append(audit, event), invocation, filter, rateLimit);
        }

        Pending routed(Invocation routed, AuditEvent event) {
            return new Pending(request, append(audit, event), routed, output, rateLimit);
        }

        /** The invocation as a later stage changed it (cache key, reservation, output cap). */
        Pending invoking(Invocation changed, AuditEvent event) {
            return new Pending(changed.getRequest(), event == null ? audit : append(audit, event), changed, output,
                    rateLimit);
        }

        /** Adds a detail to the request's {@code ROUTED} audit event (the route's cost, say). */
        Pending annotatingRoute(String key, String value) {
            var events = new ArrayList<AuditEvent>(audit.size());
            for (AuditEvent event : audit) {
                if (event.getAction() == io.sluice.avro.AuditAction.ROUTED) {
                    var details = new java.util.HashMap<>(event.getDetails());
                    details.put(key, value);
                    event = AuditEvent.newBuilder(event).setDetails(details).build();
                }
                events.add(event);
            }
            return new Pending(request, List.copyOf(events), invocation, output, rateLimit);
        }

        Rejected rejected(ErrorInfo error, AuditEvent event) {
            return new Rejected(request, append(audit, event), error, rateLimit, List.of());
        }

        Answered answered(AiResponse response, AuditEvent event) {
            return new Answered(request, append(audit, event), response);
        }

        /** Waits for an identical request's answer; nothing goes out for it until then. */
        Parked parked(AuditEvent event) {
            return new Parked(request, append(audit, event));
        }
    }

    /**
     * Refused; the error is answered to the requester and recorded as the request's outcome, and
     * {@code alerts} (a budget that can no longer cover requests) go to the alerts topic.
     */
    record Rejected(AiRequest request, List<AuditEvent> audit, ErrorInfo error, RateLimitStatus rateLimit,
            List<Alert> alerts) implements Decision {
        Rejected alerting(List<Alert> raised) {
            return new Rejected(request, audit, error, rateLimit, raised);
        }
    }

    /** Answered by the gateway itself (from the cache); the response is the request's outcome. */
    record Answered(AiRequest request, List<AuditEvent> audit, AiResponse response) implements Decision {}

    /**
     * An identical request is being answered by a provider right now: this one waits for that
     * answer (one call for both), and is invoked on its own if that call fails.
     */
    record Parked(AiRequest request, List<AuditEvent> audit) implements Decision {}

    static Pending start(AiRequest request) {
        return new Pending(request, List.of(), null, null, null);
    }

    private static List<AuditEvent> append(List<AuditEvent> events, AuditEvent event) {
        var all = new ArrayList<>(events);
        all.add(event);
        return List.copyOf(all);
    }
}
