package io.sluice.ingress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.schemas.ErrorTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every admin operation does the same way, whatever it changes (tenants, models, prompts):
 * its {@code ADMIN} audit event with who, what, before and after; storing the new state with that
 * event, a failure being a 503 to the client; and waiting until this ingress has read the topic it
 * changes.
 */
final class AdminOperations {
    private static final Logger log = LoggerFactory.getLogger(AdminOperations.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes a new state and its audit event to Kafka; throws when either was not stored. */
    interface Write {
        void run() throws Exception;
    }

    /** A topic reader that can say when it has read everything written before it started. */
    interface Reader {
        boolean awaitCaughtUp(Duration limit) throws InterruptedException;
    }

    private AdminOperations() {}

    /**
     * The audit event of one operation by {@code adminId} on {@code target}, on {@code tenant}'s
     * chain, with the state before (null for a creation) and after as JSON text; the caller may
     * add what it is about (model, prompt) and builds it.
     */
    static AuditEvent.Builder event(String adminId, String tenant, String operation, String target, Object before,
            Object after, Instant at) {
        String operationId = "admin-" + UUID.randomUUID();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("operation", operation);
        details.put("target", target);
        details.put("before", String.valueOf(before));
        details.put("after", String.valueOf(after));
        return AuditEvent.newBuilder().setEventId(operationId + ":" + AuditAction.ADMIN).setRequestId(operationId)
                .setTenantId(tenant).setApiKeyId(adminId).setStage(TenantAdmin.STAGE).setAction(AuditAction.ADMIN)
                .setReason(operation).setTimestamp(at).setDetails(details);
    }

    /** Runs {@code write}; a failure is logged and answered as Kafka being unavailable (503). */
    static void store(Write write, AuditEvent event) {
        try {
            write.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiError.kafkaUnavailable());
        } catch (Exception e) {
            log.error("admin.write_failed operation={} target={} admin_key_id={} error={}", event.getReason(),
                    event.getDetails().get("target"), event.getApiKeyId(), e.toString());
            throw new ApiException(ApiError.kafkaUnavailable());
        }
        log.info("admin.operation operation={} target={} admin_key_id={}", event.getReason(),
                event.getDetails().get("target"), event.getApiKeyId());
    }

    /** Waits until {@code reader} has caught up; a 503 {@code <what>_not_ready} (retry after 1 s) when it does not in time. */
    static void awaitReady(Reader reader, String what, String description) {
        try {
            if (!reader.awaitCaughtUp(TenantAdmin.READY_WAIT)) {
                throw new ApiException(new ApiError(503, ErrorTypes.SERVICE_UNAVAILABLE, what + "_not_ready",
                        "The gateway has not read its " + description + " yet. Please retry.", null, 1L));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiError.internal());
        }
    }

    /** An OpenAI-style list ({@code {"object": "list", "data": [...]}}) of the {@code wanted} records, as shown by {@code view}. */
    static <T> byte[] list(Collection<T> records, Predicate<T> wanted, Function<T, ObjectNode> view) {
        ArrayNode data = JSON.createArrayNode();
        for (T record : records) {
            if (wanted.test(record)) {
                data.add(view.apply(record));
            }
        }
        ObjectNode out = JSON.createObjectNode().put("object", "list");
        out.set("data", data);
        return bytes(out);
    }

    static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
