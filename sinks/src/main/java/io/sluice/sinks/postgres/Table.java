package io.sluice.sinks.postgres;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The tables the sink writes, their columns in binding order, and how a replayed row is treated:
 * audit events and responses are immutable facts (a replay is ignored), cost aggregates are
 * replaced only by a higher revision.
 */
enum Table {
    AUDIT_EVENTS("audit_events", List.of("event_id", "request_id", "tenant_id", "app_id", "user_id", "api_key_id",
            "stage", "action", "outcome", "reason", "requested_model", "resolved_model", "provider", "deployment",
            "region", "prompt_tokens", "completion_tokens", "cost_micros", "latency_ms", "http_status", "timestamp",
            "details", "cache", "served_model", "findings", "prompt_name", "prompt_version", "received_at", "masked_prompt",
            "masked_completion", "sequence", "previous_hash", "hash"), List.of("event_id")),
    RESPONSES("responses", List.of("request_id", "tenant_id", "app_id", "api_key_id", "status", "model",
            "response_model", "served_model", "provider", "deployment", "region", "priority", "attempts",
            "prompt_tokens", "completion_tokens", "total_tokens", "cached_prompt_tokens", "usage_estimated",
            "cost_micros", "saved_cost_micros", "cache", "created", "received_at", "admitted_at", "invoke_started_at",
            "first_byte_at", "completed_at", "provider_nanos", "error_type", "error_code", "error_http_status"),
            List.of("request_id")),
    COSTS_HOURLY("costs_hourly", costColumns(), costKey()),
    COSTS_DAILY("costs_daily", costColumns(), costKey());

    private final String tableName;
    private final List<String> columns;
    private final List<String> key;

    Table(String tableName, List<String> columns, List<String> key) {
        this.tableName = tableName;
        this.columns = columns;
        this.key = key;
    }

    String tableName() {
        return tableName;
    }

    List<String> columns() {
        return columns;
    }

    /** The primary key columns. */
    List<String> key() {
        return key;
    }

    boolean isCosts() {
        return this == COSTS_HOURLY || this == COSTS_DAILY;
    }

    /** The idempotent write of one row: a replay changes nothing, a cost row only a higher revision. */
    String upsertSql() {
        String values = columns.stream().map(c -> c.equals("details") || c.equals("findings") ? "?::jsonb" : "?")
                .collect(Collectors.joining(", "));
        String insert = "insert into " + tableName + " (" + columns.stream().map(Table::quoted)
                .collect(Collectors.joining(", ")) + ") values (" + values + ") on conflict (" + String.join(", ", key)
                + ")";
        if (!isCosts()) {
            return insert + " do nothing";
        }
        String updates = columns.stream().filter(c -> !key.contains(c)).map(c -> c + " = excluded." + c)
                .collect(Collectors.joining(", "));
        return insert + " do update set " + updates + " where " + tableName + ".revision < excluded.revision";
    }

    private static String quoted(String column) {
        return column.equals("timestamp") ? "\"timestamp\"" : column;
    }

    private static List<String> costColumns() {
        return List.of("tenant_id", "app_id", "model", "period_start", "revision", "requests", "errors", "cache_hits",
                "prompt_tokens", "completion_tokens", "cached_prompt_tokens", "cost_micros", "saved_micros", "updated_at");
    }

    private static List<String> costKey() {
        return List.of("tenant_id", "app_id", "model", "period_start");
    }
}
