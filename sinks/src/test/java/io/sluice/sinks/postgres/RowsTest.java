package io.sluice.sinks.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.CostGranularity;
import io.sluice.avro.CostRecord;
import io.sluice.avro.ErrorInfo;
import io.sluice.avro.Priority;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Timings;
import io.sluice.avro.Usage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowsTest {
    private static final Instant AT = Instant.parse("2025-05-01T10:15:30.123Z");

    @Test
    void anAuditEventBecomesOneColumnPerFieldWithDetailsAsSortedJson() {
        // given an event with every optional field set and details that need escaping
        Map<String, String> details = new LinkedHashMap<>();
        details.put("z", "last");
        details.put("a", "quote \" backslash \\ newline \n nul \u0000 bell \u0007");
        AuditEvent event = AuditEvent.newBuilder().setEventId("r1:REJECTED").setRequestId("r1").setTenantId("acme")
                .setAppId("chat").setUser("u-7").setApiKeyId("k1").setStage("admit").setAction(AuditAction.REJECTED)
                .setOutcome(true).setReason("budget_exceeded").setRequestedModel("gpt-4o").setResolvedModel("gpt-4o-mini")
                .setProvider("openai").setDeployment("oai-eu").setRegion("eu").setPromptTokens(12).setCompletionTokens(3)
                .setCostMicros(4_567L).setLatencyMs(89L).setHttpStatus(429).setTimestamp(AT).setDetails(details).build();

        // when
        Row row = Rows.audit(event);

        // then
        assertThat(row.table()).isEqualTo(Table.AUDIT_EVENTS);
        assertThat(row.get("event_id")).isEqualTo("r1:REJECTED");
        assertThat(row.get("request_id")).isEqualTo("r1");
        assertThat(row.get("tenant_id")).isEqualTo("acme");
        assertThat(row.get("app_id")).isEqualTo("chat");
        assertThat(row.get("user_id")).isEqualTo("u-7");
        assertThat(row.get("api_key_id")).isEqualTo("k1");
        assertThat(row.get("stage")).isEqualTo("admit");
        assertThat(row.get("action")).isEqualTo("REJECTED");
        assertThat(row.get("outcome")).isEqualTo(true);
        assertThat(row.get("reason")).isEqualTo("budget_exceeded");
        assertThat(row.get("requested_model")).isEqualTo("gpt-4o");
        assertThat(row.get("resolved_model")).isEqualTo("gpt-4o-mini");
        assertThat(row.get("provider")).isEqualTo("openai");
        assertThat(row.get("deployment")).isEqualTo("oai-eu");
        assertThat(row.get("region")).isEqualTo("eu");
        assertThat(row.get("prompt_tokens")).isEqualTo(12);
        assertThat(row.get("completion_tokens")).isEqualTo(3);
        assertThat(row.get("cost_micros")).isEqualTo(4_567L);
        assertThat(row.get("latency_ms")).isEqualTo(89L);
        assertThat(row.get("http_status")).isEqualTo(429);
        assertThat(row.get("timestamp")).isEqualTo(OffsetDateTime.parse("2025-05-01T10:15:30.123Z"));
        assertThat(row.get("details")).isEqualTo(
                "{\"a\":\"quote \\\" backslash \\\\ newline \\n nul \uFFFD bell \\u0007\",\"z\":\"last\"}");
    }

    @Test
    void absentOptionalAuditFieldsAreNullAndNoDetailsAreAnEmptyObject() {
        AuditEvent event = AuditEvent.newBuilder().setEventId("e").setRequestId("r").setTenantId("t").setStage("s")
                .setAction(AuditAction.ACCEPTED).setTimestamp(AT).build();

        Row row = Rows.audit(event);

        assertThat(row.get("app_id")).isNull();
        assertThat(row.get("user_id")).isNull();
        assertThat(row.get("cost_micros")).isNull();
        assertThat(row.get("outcome")).isEqualTo(false);
        assertThat(row.get("details")).isEqualTo("{}");
    }

    @Test
    void aResponseCarriesUsageCostTimingsAndErrorButNotTheErrorMessage() {
        // given a failed response with usage, all timings and an error
        AiResponse response = response("r9").setStatus(ResponseStatus.ERROR).setResponseModel("gpt-4o-2024-08-06")
                .setServedModel("gpt-4o").setProvider("openai").setDeployment("oai-us").setRegion("us").setAttempts(2)
                .setUsage(Usage.newBuilder().setPromptTokens(100).setCompletionTokens(20).setTotalTokens(120)
                        .setCachedPromptTokens(64).setEstimated(true).build())
                .setCostMicros(1_234L).setSavedCostMicros(5L).setCache("miss").setPriority(Priority.BATCH)
                .setError(ErrorInfo.newBuilder().setHttpStatus(502).setType("upstream_error").setCode("bad_gateway")
                        .setMessage("provider said something private").build())
                .setTimings(Timings.newBuilder().setReceivedAt(AT).setAdmittedAt(AT.plusMillis(1))
                        .setInvokeStartedAt(AT.plusMillis(2)).setFirstByteAt(AT.plusMillis(300))
                        .setCompletedAt(AT.plusMillis(900)).setProviderNanos(850_000_000L).build())
                .build();

        // when
        Row row = Rows.response(response);

        // then
        assertThat(row.table()).isEqualTo(Table.RESPONSES);
        assertThat(row.get("request_id")).isEqualTo("r9");
        assertThat(row.get("tenant_id")).isEqualTo("acme");
        assertThat(row.get("app_id")).isEqualTo("chat");
        assertThat(row.get("api_key_id")).isEqualTo("k1");
        assertThat(row.get("status")).isEqualTo("ERROR");
        assertThat(row.get("model")).isEqualTo("gpt");
        assertThat(row.get("response_model")).isEqualTo("gpt-4o-2024-08-06");
        assertThat(row.get("served_model")).isEqualTo("gpt-4o");
        assertThat(row.get("provider")).isEqualTo("openai");
        assertThat(row.get("deployment")).isEqualTo("oai-us");
        assertThat(row.get("region")).isEqualTo("us");
        assertThat(row.get("priority")).isEqualTo("BATCH");
        assertThat(row.get("attempts")).isEqualTo(2);
        assertThat(row.get("prompt_tokens")).isEqualTo(100);
        assertThat(row.get("completion_tokens")).isEqualTo(20);
        assertThat(row.get("total_tokens")).isEqualTo(120);
        assertThat(row.get("cached_prompt_tokens")).isEqualTo(64);
        assertThat(row.get("usage_estimated")).isEqualTo(true);
        assertThat(row.get("cost_micros")).isEqualTo(1_234L);
        assertThat(row.get("saved_cost_micros")).isEqualTo(5L);
        assertThat(row.get("cache")).isEqualTo("miss");
        assertThat(row.get("created")).isEqualTo(OffsetDateTime.parse("2025-05-01T10:15:30Z"));
        assertThat(row.get("received_at")).isEqualTo(OffsetDateTime.parse("2025-05-01T10:15:30.123Z"));
        assertThat(row.get("admitted_at")).isEqualTo(OffsetDateTime.parse("2025-05-01T10:15:30.124Z"));
        assertThat(row.get("invoke_started_at")).isEqualTo(OffsetDateTime.parse("2025-05-01T10:15:30.125Z"));
        assertThat(row.get("first_byte_at")).isEqualTo(OffsetDateTime.parse("2025-05-01T10:15:30.423Z"));
        assertThat(row.get("completed_at")).isEqualTo(OffsetDateTime.parse("2025-05-01T10:15:31.023Z"));
        assertThat(row.get("provider_nanos")).isEqualTo(850_000_000L);
        assertThat(row.get("error_type")).isEqualTo("upstream_error");
        assertThat(row.get("error_code")).isEqualTo("bad_gateway");
        assertThat(row.get("error_http_status")).isEqualTo(502);
        assertThat(row.values()).doesNotContain("provider said something private");
    }

    @Test
    void aResponseWithoutUsageOrErrorLeavesThoseColumnsNull() {
        Row row = Rows.response(response("r1").build());

        assertThat(row.get("prompt_tokens")).isNull();
        assertThat(row.get("usage_estimated")).isNull();
        assertThat(row.get("error_type")).isNull();
        assertThat(row.get("first_byte_at")).isNull();
        assertThat(row.get("status")).isEqualTo("SUCCESS");
    }

    @Test
    void costRecordsGoToTheHourlyOrDailyTableByGranularity() {
        CostRecord hour = cost(CostGranularity.HOUR, 3);
        CostRecord day = cost(CostGranularity.DAY, 4);

        Row hourly = Rows.cost(hour);
        Row daily = Rows.cost(day);

        assertThat(hourly.table()).isEqualTo(Table.COSTS_HOURLY);
        assertThat(daily.table()).isEqualTo(Table.COSTS_DAILY);
        assertThat(hourly.key()).containsExactly("acme", "", "gpt-4o", OffsetDateTime.parse("2025-05-01T10:15:30.123Z"));
        assertThat(daily.get("revision")).isEqualTo(4L);
        assertThat(hourly.get("requests")).isEqualTo(10L);
        assertThat(hourly.get("errors")).isEqualTo(1L);
        assertThat(hourly.get("cache_hits")).isEqualTo(2L);
        assertThat(hourly.get("prompt_tokens")).isEqualTo(1_000L);
        assertThat(hourly.get("completion_tokens")).isEqualTo(200L);
        assertThat(hourly.get("cached_prompt_tokens")).isEqualTo(50L);
        assertThat(hourly.get("cost_micros")).isEqualTo(9_999_999L);
        assertThat(hourly.get("saved_micros")).isEqualTo(7L);
        assertThat(hourly.get("updated_at")).isEqualTo(OffsetDateTime.parse("2025-05-01T10:16:30.123Z"));
    }

    static AiResponse.Builder response(String requestId) {
        return AiResponse.newBuilder().setRequestId(requestId).setTenantId("acme").setAppId("chat").setApiKeyId("k1")
                .setStatus(ResponseStatus.SUCCESS).setModel("gpt").setCreated(AT.getEpochSecond())
                .setTimings(Timings.newBuilder().setReceivedAt(AT).setCompletedAt(AT.plusMillis(900)).build());
    }

    static CostRecord cost(CostGranularity granularity, long revision) {
        return CostRecord.newBuilder().setTenantId("acme").setAppId("").setModel("gpt-4o").setGranularity(granularity)
                .setPeriodStart(AT).setRevision(revision).setRequests(10).setErrors(1).setCacheHits(2)
                .setPromptTokens(1_000).setCompletionTokens(200).setCachedPromptTokens(50).setCostMicros(9_999_999L)
                .setSavedMicros(7).setUpdatedAt(AT.plusSeconds(60)).build();
    }
}
