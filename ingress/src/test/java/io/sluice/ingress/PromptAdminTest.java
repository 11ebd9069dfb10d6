package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.PromptLabelTarget;
import io.sluice.avro.PromptRecord;
import io.sluice.avro.PromptRef;
import io.sluice.avro.TenantRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class PromptAdminTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private final Map<String, PromptRecord> held = new ConcurrentHashMap<>();
    private final List<PromptRecord> stored = new ArrayList<>();
    private final List<AuditEvent> audited = new ArrayList<>();
    private final PromptAdmin admin = new PromptAdmin(new PromptAdmin.Prompts() {
        @Override
        public boolean awaitCaughtUp(Duration limit) {
            return true;
        }

        @Override
        public Optional<PromptRecord> prompt(String name) {
            return Optional.ofNullable(held.get(name));
        }

        @Override
        public List<PromptRecord> prompts() {
            return List.copyOf(held.values());
        }

        @Override
        public void apply(PromptRecord record) {
            held.put(record.getName(), record);
        }
    }, new AdminLog() {
        @Override
        public void write(TenantRecord tenant, AuditEvent event) {
            throw new AssertionError("no tenant is written by the prompt admin");
        }

        @Override
        public void write(PromptRecord prompt, AuditEvent event) {
            stored.add(prompt);
            audited.add(event);
        }
    }, clock);

    private static JsonNode spec(String system) throws Exception {
        return JSON.readTree("{\"system\": " + JSON.writeValueAsString(system)
                + ", \"variables\": {\"product\": {\"required\": true}}}");
    }

    @Test
    void publishingIsCreatedOnceIdempotentForTheSameContentAndAConflictForOther() throws Exception {
        PromptAdmin.Published first = admin.publish("root", "triage", "1", spec("Help with {{product}}."));
        PromptAdmin.Published again = admin.publish("other", "triage", "1", spec("Help with {{product}}."));
        ApiError changed = catchThrowableOfType(ApiException.class,
                () -> admin.publish("root", "triage", "1", spec("Help with {{product}}!"))).error();

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(JSON.readTree(again.body()).path("published_by").asText()).isEqualTo("root");
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.code()).isEqualTo("prompt_version_exists");
        assertThat(stored).hasSize(1);
        assertThat(audited).singleElement().satisfies(e -> {
            assertThat(e.getAction()).isEqualTo(AuditAction.ADMIN);
            assertThat(e.getApiKeyId()).isEqualTo("root");
            assertThat(e.getPromptName()).isEqualTo("triage");
            assertThat(e.getDetails()).containsEntry("operation", "prompt.publish")
                    .containsEntry("target", "prompt/triage/version/1").containsEntry("before", "null");
            assertThat(e.getDetails().get("after")).contains("content_hash");
        });
    }

    @Test
    void aBadSpecIsA400NamingItsPath() throws Exception {
        ApiError error = catchThrowableOfType(ApiException.class, () -> admin.publish("root", "triage", "1",
                JSON.readTree("{\"system\": \"Hi {{who}}\"}"))).error();

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).isEqualTo("invalid_prompt");
        assertThat(error.param()).isEqualTo("system");
        assertThat(error.message()).contains("{{who}}");
    }

    @Test
    void labelMovesAndRollbacksAreAuditedWithWhereTheLabelPointedBeforeAndAfter() throws Exception {
        admin.publish("root", "triage", "1", spec("One {{product}}."));
        admin.publish("root", "triage", "2", spec("Two {{product}}."));
        admin.label("root", "triage", "prod", List.of(new PromptLabelTarget("1", 100)));
        JsonNode split = JSON.readTree(admin.label("ops", "triage", "prod",
                List.of(new PromptLabelTarget("1", 90), new PromptLabelTarget("2", 10))));
        JsonNode back = JSON.readTree(admin.rollback("ops", "triage", "prod"));

        assertThat(split.at("/labels/prod/targets/1/weight").asInt()).isEqualTo(10);
        assertThat(back.at("/labels/prod/targets").size()).isEqualTo(1);
        assertThat(back.at("/labels/prod/targets/0/version").asText()).isEqualTo("1");
        AuditEvent rollback = audited.get(audited.size() - 1);
        assertThat(rollback.getDetails()).containsEntry("operation", "prompt.label.rollback")
                .containsEntry("target", "prompt/triage/label/prod");
        assertThat(JSON.readTree(rollback.getDetails().get("before")).at("/labels/prod/targets").size()).isEqualTo(2);
        assertThat(JSON.readTree(rollback.getDetails().get("after")).at("/labels/prod/targets").size()).isEqualTo(1);

        ApiError nothingLeft = catchThrowableOfType(ApiException.class,
                () -> admin.rollback("ops", "triage", "prod")).error();
        assertThat(nothingLeft.status()).isEqualTo(409);
        ApiError unknown = catchThrowableOfType(ApiException.class,
                () -> admin.label("ops", "nope", "prod", List.of(new PromptLabelTarget("1", 100)))).error();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("prompt_not_found");
    }

    @Test
    void aChatRequestMayReferenceAPromptWithOrWithoutMessages() {
        ChatRequestParser parser = new ChatRequestParser(8, 4096);
        ChatCompletionRequest request = parser.parse(Unpooled.copiedBuffer("{\"model\": \"m\", \"prompt\": {\"name\":"
                + " \"triage\", \"label\": \"canary\", \"variables\": {\"product\": \"Sluice\", \"n\": 3}}}",
                StandardCharsets.UTF_8));

        assertThat(request.messages()).isEmpty();
        assertThat(request.prompt()).isEqualTo(new PromptRef("triage", null, "canary", Map.of("product", "Sluice",
                "n", "3")));
        assertThat(refusal(parser, "{\"model\": \"m\"}").param()).isEqualTo("messages");
        assertThat(refusal(parser, "{\"model\": \"m\", \"prompt\": {\"label\": \"x\"}}").param()).isEqualTo("prompt.name");
        assertThat(refusal(parser, "{\"model\": \"m\", \"prompt\": {\"name\": \"t\", \"version\": \"1\","
                + " \"label\": \"x\"}}").param()).isEqualTo("prompt.version");
        assertThat(refusal(parser, "{\"model\": \"m\", \"prompt\": {\"name\": \"t\", \"variables\": {\"a\": {}}}}")
                .param()).isEqualTo("prompt.variables.a");
        assertThat(refusal(parser, "{\"model\": \"m\", \"prompt\": {\"name\": \"t\", \"vars\": {}}}").param())
                .isEqualTo("prompt.vars");
        assertThat(refusal(parser, "{\"model\": \"m\", \"prompt\": {\"name\": \"../x\"}}").param())
                .isEqualTo("prompt.name");
    }

    private static ApiError refusal(ChatRequestParser parser, String json) {
        return catchThrowableOfType(ApiException.class,
                () -> parser.parse(Unpooled.copiedBuffer(json, StandardCharsets.UTF_8))).error();
    }
}
