package io.sluice.sinks.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's versioned schema. Each migration is applied once, in order, and recorded in
 * {@code sluice_schema_version}; all pending ones run in one transaction under an advisory lock on
 * the current schema, so two sinks starting together cannot both apply them. A migration that has
 * shipped is never edited: a change of schema is a new migration with the next version.
 */
final class Migrations {
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    /** One step of the schema. */
    record Migration(int version, String description, List<String> statements) {}

    static final List<Migration> ALL = List.of(
            new Migration(1, "audit events, responses, hourly and daily costs, sink offsets", List.of(
                    """
                    create table audit_events (
                        event_id          text primary key,
                        request_id        text not null,
                        tenant_id         text not null,
                        app_id            text,
                        user_id           text,
                        api_key_id        text,
                        stage             text not null,
                        action            text not null,
                        outcome           boolean not null,
                        reason            text,
                        requested_model   text,
                        resolved_model    text,
                        provider          text,
                        deployment        text,
                        region            text,
                        prompt_tokens     integer,
                        completion_tokens integer,
                        cost_micros       bigint,
                        latency_ms        bigint,
                        http_status       integer,
                        "timestamp"       timestamptz not null,
                        details           jsonb not null
                    )""",
                    "create index audit_events_tenant_time on audit_events (tenant_id, \"timestamp\")",
                    "create index audit_events_model_time on audit_events (resolved_model, \"timestamp\")",
                    "create index audit_events_request on audit_events (request_id)",
                    """
                    create table responses (
                        request_id           text primary key,
                        tenant_id            text not null,
                        app_id               text,
                        api_key_id           text,
                        status               text not null,
                        model                text not null,
                        response_model       text,
                        served_model         text,
                        provider             text,
                        deployment           text,
                        region               text,
                        priority             text not null,
                        attempts             integer not null,
                        prompt_tokens        integer,
                        completion_tokens    integer,
                        total_tokens         integer,
                        cached_prompt_tokens integer,
                        usage_estimated      boolean,
                        cost_micros          bigint not null,
                        saved_cost_micros    bigint not null,
                        cache                text,
                        created              timestamptz not null,
                        received_at          timestamptz not null,
                        admitted_at          timestamptz,
                        invoke_started_at    timestamptz,
                        first_byte_at        timestamptz,
                        completed_at         timestamptz not null,
                        provider_nanos       bigint not null,
                        error_type           text,
                        error_code           text,
                        error_http_status    integer
                    )""",
                    "create index responses_tenant_time on responses (tenant_id, received_at)",
                    "create index responses_model_time on responses (model, received_at)",
                    "create index responses_served_model_time on responses (served_model, received_at)",
                    costsTable("costs_hourly"),
                    "create index costs_hourly_tenant_period on costs_hourly (tenant_id, period_start)",
                    costsTable("costs_daily"),
                    "create index costs_daily_tenant_period on costs_daily (tenant_id, period_start)",
                    """
                    create table sink_offsets (
                        topic       text not null,
                        "partition" integer not null,
                        next_offset bigint not null,
                        updated_at  timestamptz not null,
                        primary key (topic, "partition")
                    )""")),
            new Migration(2, "audit events: cache status, findings, prompt version, masked text, hash chain", List.of(
                    """
                    alter table audit_events
                        add column cache             text,
                        add column served_model      text,
                        add column findings          jsonb not null default '{}',
                        add column prompt_name       text,
                        add column prompt_version    text,
                        add column received_at       timestamptz,
                        add column masked_prompt     text,
                        add column masked_completion text,
                        add column sequence          bigint not null default 0,
                        add column previous_hash     text,
                        add column hash              text""",
                    "create index audit_events_tenant_sequence on audit_events (tenant_id, sequence)",
                    "create index audit_events_served_model_time on audit_events (served_model, \"timestamp\")")));

    private Migrations() {}

    private static String costsTable(String name) {
        return """
                create table %s (
                    tenant_id            text not null,
                    app_id               text not null,
                    model                text not null,
                    period_start         timestamptz not null,
                    revision             bigint not null,
                    requests             bigint not null,
                    errors               bigint not null,
                    cache_hits           bigint not null,
                    prompt_tokens        bigint not null,
                    completion_tokens    bigint not null,
                    cached_prompt_tokens bigint not null,
                    cost_micros          bigint not null,
                    saved_micros         bigint not null,
                    updated_at           timestamptz not null,
                    primary key (tenant_id, app_id, model, period_start)
                )""".formatted(name);
    }

    /** The version the schema has once every known migration is applied. */
    static int latestVersion() {
        return ALL.get(ALL.size() - 1).version();
    }

    /**
     * Brings the connection's current schema up to {@link #latestVersion()} in one transaction.
     *
     * @return the version the schema had before
     * @throws IllegalStateException if the schema is newer than this sink knows (a newer sink migrated it)
     * @throws SQLException if the database fails; nothing is applied then
     */
    static int migrate(Connection connection, List<Migration> migrations) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("select pg_advisory_xact_lock(hashtext('sluice_schema_version:' || current_schema()))");
            st.execute("""
                    create table if not exists sluice_schema_version (
                        version     integer primary key,
                        description text not null,
                        applied_at  timestamptz not null default now()
                    )""");
            int current;
            try (ResultSet rs = st.executeQuery("select coalesce(max(version), 0) from sluice_schema_version")) {
                rs.next();
                current = rs.getInt(1);
            }
            int latest = migrations.get(migrations.size() - 1).version();
            if (current > latest) {
                throw new IllegalStateException("the database schema is at version " + current
                        + " but this sink knows versions up to " + latest + ": run a newer Sluice");
            }
            for (Migration m : migrations) {
                if (m.version() <= current) {
                    continue;
                }
                for (String sql : m.statements()) {
                    st.execute(sql);
                }
                try (var insert = connection.prepareStatement(
                        "insert into sluice_schema_version (version, description) values (?, ?)")) {
                    insert.setInt(1, m.version());
                    insert.setString(2, m.description());
                    insert.executeUpdate();
                }
                log.info("sink schema migrated version={} description=\"{}\"", m.version(), m.description());
            }
            connection.commit();
            return current;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        }
    }

    static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
