package io.sluice.sinks.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Choice;
import io.sluice.avro.ErrorInfo;
import io.sluice.avro.MetricsRecord;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Role;
import io.sluice.avro.Sketch;
import io.sluice.avro.Timings;
import io.sluice.avro.Usage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class JsonLinesTest {
    private static final Instant AT = Instant.parse("2026-12-02T13:04:05.123Z");
    private static final JsonLines PLAIN = new JsonLines(Set.of());

    @Test
    void anAuditEventBecomesPlainJsonInSchemaOrderWithUnionsUnwrappedAndIsoTimestamps() {
        // given an event with some optional fields set, details that need escaping, and a whole-second time
        Map<String, String> details = new LinkedHashMap<>();
        details.put("z", "last");
        details.put("a", "quote \" backslash \\ newline \n é");
        AuditEvent event = AuditEvent.newBuilder().setEventId("r1:RESPONDED").setRequestId("r1").setTenantId("acme")
                .setAppId("chat").setStage("invoke").setAction(AuditAction.RESPONDED).setOutcome(true)
                .setResolvedModel("mock-echo").setPromptTokens(12).setCostMicros(4_567L).setTimestamp(AT)
                .setReceivedAt(Instant.parse("2026-12-02T13:04:05Z")).setDetails(details)
                .setFindings(Map.of("pii.email", 2)).setSequence(42).setHash("ab12").build();

        // when
        String json = json(PLAIN.render(event));

        // then
        assertThat(json).isEqualTo("{\"eventId\":\"r1:RESPONDED\",\"requestId\":\"r1\",\"tenantId\":\"acme\","
                + "\"appId\":\"chat\",\"user\":null,\"apiKeyId\":null,\"stage\":\"invoke\",\"action\":\"RESPONDED\","
                + "\"outcome\":true,\"reason\":null,\"requestedModel\":null,\"resolvedModel\":\"mock-echo\","
                + "\"provider\":null,\"deployment\":null,\"region\":null,\"promptTokens\":12,\"completionTokens\":null,"
                + "\"costMicros\":4567,\"latencyMs\":null,\"httpStatus\":null,\"timestamp\":\"2026-12-02T13:04:05.123Z\","
                + "\"details\":{\"a\":\"quote \\\" backslash \\\\ newline \\n é\",\"z\":\"last\"},\"cache\":null,\"servedModel\":null,"
                + "\"findings\":{\"pii.email\":2},\"promptName\":null,\"promptVersion\":null,"
                + "\"receivedAt\":\"2026-12-02T13:04:05.000Z\",\"maskedPrompt\":null,\"maskedCompletion\":null,"
                + "\"sequence\":42,\"previousHash\":null,\"hash\":\"ab12\"}");
        assertThat(json).doesNotContain("\n");
    }

    @Test
    void aResponseKeepsItsNumbersAndNestedRecordsButWithholdsTheModelsTextAndErrorMessages() {
        AiResponse response = AiResponse.newBuilder().setRequestId("r2").setTenantId("acme")
                .setStatus(ResponseStatus.ERROR).setModel("gpt").setCreated(1_780_000_000L)
                .setChoices(List.of(Choice.newBuilder().setIndex(0).setMessage(ChatMessage.newBuilder().setRole(Role.ASSISTANT)
                        .setContent("the secret answer").build()).build()))
                .setUsage(Usage.newBuilder().setPromptTokens(3).setCompletionTokens(4).setTotalTokens(7).build())
                .setCostMicros(9_000_000_000_001L)
                .setError(ErrorInfo.newBuilder().setHttpStatus(502).setType("upstream_error").setCode("bad_gateway")
                        .setMessage("provider said: the secret answer").build())
                .setTimings(Timings.newBuilder().setReceivedAt(AT).setCompletedAt(AT.plusMillis(250)).build())
                .build();

        String json = json(new JsonLines(FileSink.WITHHELD_RESPONSE_FIELDS).render(response));

        assertThat(json).doesNotContain("secret").doesNotContain("\"choices\"");
        assertThat(json).contains("\"created\":1780000000,")
                .contains("\"usage\":{\"promptTokens\":3,\"completionTokens\":4,\"totalTokens\":7,"
                        + "\"cachedPromptTokens\":0,\"estimated\":false}")
                .contains("\"costMicros\":9000000000001,")
                .contains("\"error\":{\"httpStatus\":502,\"type\":\"upstream_error\",\"code\":\"bad_gateway\","
                        + "\"param\":null,\"retryAfterSeconds\":null}")
                .contains("\"timings\":{\"receivedAt\":\"2026-12-02T13:04:05.123Z\",\"admittedAt\":null,"
                        + "\"invokeStartedAt\":null,\"firstByteAt\":null,\"completedAt\":\"2026-12-02T13:04:05.373Z\","
                        + "\"providerNanos\":0}")
                .contains("\"status\":\"ERROR\"")
                .contains("\"priority\":\"INTERACTIVE\"");
    }

    @Test
    void withheldPathsReachIntoArrays() {
        AiResponse response = AiResponse.newBuilder().setRequestId("r3").setTenantId("acme")
                .setStatus(ResponseStatus.SUCCESS).setModel("gpt").setCreated(1L)
                .setChoices(List.of(Choice.newBuilder().setIndex(0).setFinishReason("stop")
                        .setMessage(ChatMessage.newBuilder().setRole(Role.ASSISTANT).setContent("hidden").build()).build()))
                .setTimings(Timings.newBuilder().setReceivedAt(AT).setCompletedAt(AT).build()).build();

        String json = json(new JsonLines(Set.of("choices.message")).render(response));

        assertThat(json).contains("\"choices\":[{\"index\":0,\"finishReason\":\"stop\"}]").doesNotContain("hidden");
    }

    @Test
    void doublesAndArraysAreNumbersAndANonFiniteDoubleIsNull() {
        MetricsRecord metrics = MetricsRecord.newBuilder().setTenantId("acme").setModel("gpt").setWindowStart(AT)
                .setWindowEnd(AT.plusSeconds(60)).setLatency(Sketch.newBuilder().setAlpha(0.01).setOffset(3)
                        .setCounts(List.of(1L, 0L, 5L)).build())
                .setLatencyP95Ms(12.5).setCacheHitRate(Double.NaN)
                .setTtft(Sketch.newBuilder().setAlpha(0.01).build()).setUpdatedAt(AT).build();

        String json = json(PLAIN.render(metrics));

        assertThat(json).contains("\"latency\":{\"alpha\":0.01,\"zeroCount\":0,\"offset\":3,\"counts\":[1,0,5]}")
                .contains("\"latencyP95Ms\":12.5,").contains("\"cacheHitRate\":null,");
    }

    @Test
    void aGenericRecordWithRawLogicalValuesAndAWideUnionRendersTheSame() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "G", "fields": [
                  {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "atMicros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                  {"name": "day", "type": {"type": "int", "logicalType": "date"}},
                  {"name": "either", "type": ["null", "int", "string"]},
                  {"name": "or", "type": ["null", "int", "string"]},
                  {"name": "blob", "type": "bytes"}
                ]}""");
        GenericRecord record = new GenericData.Record(schema);
        record.put("at", AT.toEpochMilli());
        record.put("atMicros", AT.toEpochMilli() * 1000 + 456);
        record.put("day", 20_424);
        record.put("either", "text");
        record.put("or", 5);
        record.put("blob", ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)));

        assertThat(json(PLAIN.render(record))).isEqualTo("{\"at\":\"2026-12-02T13:04:05.123Z\","
                + "\"atMicros\":\"2026-12-02T13:04:05.123456Z\",\"day\":\"2025-12-02\",\"either\":\"text\",\"or\":5,"
                + "\"blob\":\"aGk=\"}");
    }

    private static String json(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
