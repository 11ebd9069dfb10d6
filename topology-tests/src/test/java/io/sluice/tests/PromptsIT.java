package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Prompts as code on the real broker: two versions published through the admin API, the
 * {@code prod} label pointed at one, moved and rolled back; chat requests that reference the prompt
 * through the ingress are served the rendered system prompt (the mock echoes it, as no user spoke),
 * with the version in {@code x-sluice-prompt-version} and on the chained audit trail.
 */
@ExtendWith(SharedKafkaExtension.class)
class PromptsIT {
    private static final String ADMIN_KEY = "sk-test-prompts-it-admin-0123456789";
    private static final String KEY = "sk-test-prompts-it-tenant-0123456789";
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningSluice sluice;

    @BeforeAll
    static void start(SharedKafka kafka) {
        String yaml = """
                kafka:
                  topic-prefix: %s
                  partitions: 3
                ingress:
                  admin-keys:
                    - id: ops
                      secret: ${ADMIN_KEY}
                tenants:
                  - id: prompt-app
                    keys: [{id: prompt-app-key, secret: "${KEY}"}]
                deployments:
                  - {name: mock, provider: mock}
                models:
                  - {name: echo, deployment: mock, upstream-model: mock-echo}
                """.formatted(SharedKafka.newPrefix("prompts"));
        sluice = RunningSluice.start(kafka, yaml, Map.of("ADMIN_KEY", ADMIN_KEY, "KEY", KEY));
    }

    @AfterAll
    static void stop() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
    }

    @Test
    void aPublishedPromptIsRenderedEndToEndAndItsLabelMovesAndRollsBack() throws Exception {
        // given two versions of `triage`, and prod pointing at 1
        publish("1", 201);
        publish("2", 201);
        publish("2", 200);
        admin("/v1/admin/prompts/label", "{\"name\": \"triage\", \"label\": \"prod\", \"targets\": [{\"version\":"
                + " \"1\"}]}", 200);

        // when an app asks with the prompt and its variables, no messages
        HttpResponse<String> first = awaitAnswer("v1: you triage tickets about Sluice. Be brief.");

        // then the provider got the rendered system prompt, and the version is on the answer and the audit
        assertThat(first.headers().firstValue("x-sluice-prompt-version")).contains("1");
        var audit = sluice.runtime().topics().audit();
        String requestId = JSON.readTree(first.body()).path("id").asText();
        List<AuditEvent> outcome = sluice.readTopic(audit.name(), audit.valueSerde().deserializer(),
                e -> requestId.equals(e.getRequestId()) && e.getOutcome(), found -> !found.isEmpty(), WITHIN);
        assertThat(outcome.get(0).getPromptName()).isEqualTo("triage");
        assertThat(outcome.get(0).getPromptVersion()).isEqualTo("1");

        // when prod moves to 2, and is rolled back
        admin("/v1/admin/prompts/label", "{\"name\": \"triage\", \"label\": \"prod\", \"targets\": [{\"version\":"
                + " \"2\"}]}", 200);
        assertThat(awaitAnswer("v2: you triage tickets about Sluice. Be brief.").headers()
                .firstValue("x-sluice-prompt-version")).contains("2");
        admin("/v1/admin/prompts/rollback", "{\"name\": \"triage\", \"label\": \"prod\"}", 200);
        awaitAnswer("v1: you triage tickets about Sluice. Be brief.");

        // and a missing required variable is a 400 naming it
        HttpResponse<String> missing = ask("{}");
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(missing.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asText()).isEqualTo("missing_prompt_variable");
        assertThat(error.path("param").asText()).isEqualTo("prompt.variables.product");

        // and every prompt operation is on the platform's chain
        List<AuditEvent> operations = sluice.readTopic(audit.name(), audit.valueSerde().deserializer(),
                e -> e.getAction() == AuditAction.ADMIN && "triage".equals(e.getPromptName()),
                found -> found.size() >= 5, WITHIN);
        assertThat(operations).extracting(e -> e.getDetails().get("operation")).containsExactly("prompt.publish",
                "prompt.publish", "prompt.label", "prompt.label", "prompt.label.rollback");
        assertThat(operations).allSatisfy(e -> {
            assertThat(e.getApiKeyId()).isEqualTo("ops");
            assertThat(e.getDetails()).containsKeys("before", "after");
        });
    }

    private static void publish(String version, int status) {
        admin("/v1/admin/prompts", "{\"name\": \"triage\", \"version\": \"" + version + "\", \"system\": \"v" + version
                + ": you triage tickets about {{product}}. {{style}}\", \"variables\": {\"product\": {\"required\":"
                + " true}, \"style\": {\"default\": \"Be brief.\"}}, \"tests\": [{\"name\": \"names it\", \"variables\":"
                + " {\"product\": \"X\"}, \"assert\": [{\"contains\": \"X\"}]}]}", status);
    }

    private static void admin(String path, String body, int status) {
        HttpResponse<String> response = sluice.post(path, ADMIN_KEY, "application/json", body);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(status);
    }

    private static HttpResponse<String> ask(String variables) {
        return sluice.post("/v1/chat/completions", KEY, "application/json", "{\"model\": \"echo\", \"prompt\":"
                + " {\"name\": \"triage\", \"label\": \"prod\", \"variables\": " + variables + "}}");
    }

    /** Asks until the answer is {@code content}, for at most {@link #WITHIN} (the gateway follows the prompts topic). */
    private static HttpResponse<String> awaitAnswer(String content) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        HttpResponse<String> last = ask("{\"product\": \"Sluice\"}");
        while (!content.equals(answer(last)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = ask("{\"product\": \"Sluice\"}");
        }
        assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
        assertThat(answer(last)).isEqualTo(content);
        return last;
    }

    private static String answer(HttpResponse<String> response) throws Exception {
        return response.statusCode() != 200 ? null
                : JSON.readTree(response.body()).at("/choices/0/message/content").asText();
    }
}
