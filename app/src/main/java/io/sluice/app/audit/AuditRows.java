package io.sluice.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the audit trail back from the PostgreSQL sink's {@code audit_events} table as events, in
 * chain order (tenant, sequence): every column the hash covers is there, so the chain can be
 * re-verified from what analysts query. A row that was edited no longer hashes to its stored hash.
 */
final class AuditRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY = """
            select event_id, request_id, tenant_id, app_id, user_id, api_key_id, stage, action, outcome, reason,
                   requested_model, resolved_model, provider, deployment, region, prompt_tokens, completion_tokens,
                   cost_micros, latency_ms, http_status, "timestamp", details::text, cache, served_model, findings::text,
                   prompt_name, prompt_version, received_at, masked_prompt, masked_completion, sequence,
                   previous_hash, hash
              from audit_events
             order by tenant_id, sequence, event_id""";

    private AuditRows() {}

    /** Hands every row to {@code sink} with its row number; returns how many. */
    static long read(Connection connection, Consumer<Map.Entry<Long, AuditEvent>> sink) throws SQLException {
        long row = 0;
        try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setFetchSize(1000);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row++;
                    sink.accept(Map.entry(row, event(rs)));
                }
            }
        }
        return row;
    }

    static AuditEvent event(ResultSet rs) throws SQLException {
        Map<String, String> details = new LinkedHashMap<>();
        json(rs.getString(22)).fields().forEachRemaining(e -> details.put(e.getKey(), e.getValue().asText()));
        Map<String, Integer> findings = new LinkedHashMap<>();
        json(rs.getString(25)).fields().forEachRemaining(e -> findings.put(e.getKey(), Integer.parseInt(e.getValue().asText())));
        return AuditEvent.newBuilder()
                .setEventId(rs.getString(1))
                .setRequestId(rs.getString(2))
                .setTenantId(rs.getString(3))
                .setAppId(rs.getString(4))
                .setUser(rs.getString(5))
                .setApiKeyId(rs.getString(6))
                .setStage(rs.getString(7))
                .setAction(AuditAction.valueOf(rs.getString(8)))
                .setOutcome(rs.getBoolean(9))
                .setReason(rs.getString(10))
                .setRequestedModel(rs.getString(11))
                .setResolvedModel(rs.getString(12))
                .setProvider(rs.getString(13))
                .setDeployment(rs.getString(14))
                .setRegion(rs.getString(15))
                .setPromptTokens(integer(rs, 16))
                .setCompletionTokens(integer(rs, 17))
                .setCostMicros(longValue(rs, 18))
                .setLatencyMs(longValue(rs, 19))
                .setHttpStatus(integer(rs, 20))
                .setTimestamp(instant(rs.getTimestamp(21)))
                .setDetails(details)
                .setCache(rs.getString(23))
                .setServedModel(rs.getString(24))
                .setFindings(findings)
                .setPromptName(rs.getString(26))
                .setPromptVersion(rs.getString(27))
                .setReceivedAt(instant(rs.getTimestamp(28)))
                .setMaskedPrompt(rs.getString(29))
                .setMaskedCompletion(rs.getString(30))
                .setSequence(rs.getLong(31))
                .setPreviousHash(rs.getString(32))
                .setHash(rs.getString(33))
                .build();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text == null ? "{}" : text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Long longValue(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
