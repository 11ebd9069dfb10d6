package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The model registry on the real broker: a model taken through the approval workflow to
 * PRODUCTION with the admin API serves tenant A under its alias; once it is DEPRECATED, A (which
 * used it) keeps being served and B (which never did) is refused with 403 {@code model_not_allowed};
 * the refusal and every registry operation are on the chained audit trail.
 */
@ExtendWith(SharedKafkaExtension.class)
class ModelRegistryIT {
    private static final String ADMIN_KEY = "sk-test-registry-it-admin-0123456789";
    private static final String KEY_A = "sk-test-registry-it-tenant-a-0123456789";
    private static final String KEY_B = "sk-test-registry-it-tenant-b-0123456789";
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
                  - id: reg-a
                    keys: [{id: reg-a-key, secret: "${KEY_A}"}]
                  - id: reg-b
                    keys: [{id: reg-b-key, secret: "${KEY_B}"}]
                deployments:
                  - {name: mock, provider: mock}
                models:
                  - {name: echo, deployment: mock, upstream-model: mock-echo}
                """.formatted(SharedKafka.newPrefix("registry"));
        sluice = RunningSluice.start(kafka, yaml, Map.of("ADMIN_KEY", ADMIN_KEY, "KEY_A", KEY_A, "KEY_B", KEY_B));
    }

    @AfterAll
    static void stop() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
    }

    @Test
    void aDeprecatedModelKeepsServingTheTenantUsingItAndRefusesANewOne() throws Exception {
        // given support-bot v1, served by `echo`, taken through the whole workflow to PRODUCTION as @prod
        admin("/v1/admin/models", "{\"name\": \"support-bot\", \"owner\": \"alice\", \"team\": \"ml\"}", 201);
        admin("/v1/admin/models/versions", "{\"model\": \"support-bot\", \"served_by\": \"echo\","
                + " \"lineage\": [\"s3://tickets/2026\"], \"metrics\": {\"accuracy\": 0.9}}", 201);
        transition("STAGING");
        for (String role : List.of("ML", "SECURITY", "LEGAL")) {
            approve(role);
        }
        transition("APPROVED");
        approve("DEPLOY");
        transition("PRODUCTION");
        admin("/v1/admin/models/alias", "{\"model\": \"support-bot\", \"alias\": \"prod\", \"version\": 1}", 200);

        // and tenant A uses it (once the gateway has read the registry)
        awaitStatus(KEY_A, 200);
        assertThat(JSON.readTree(sluice.get("/v1/models", KEY_B).body()).findValuesAsText("id"))
                .contains("support-bot@prod");

        // when it is deprecated
        transition("DEPRECATED");

        // then B, which never used it, is refused, and A keeps being served
        HttpResponse<String> refused = awaitStatus(KEY_B, 403);
        assertThat(JSON.readTree(refused.body()).at("/error/code").asText()).isEqualTo("model_not_allowed");
        assertThat(ask(KEY_A).statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(sluice.get("/v1/models", KEY_B).body()).findValuesAsText("id"))
                .doesNotContain("support-bot@prod");

        // and the refusal and every registry operation are on the chained audit trail
        var audit = sluice.runtime().topics().audit();
        List<AuditEvent> rejected = sluice.readTopic(audit.name(), audit.valueSerde().deserializer(),
                e -> e.getAction() == AuditAction.REJECTED && "reg-b".equals(e.getTenantId()),
                found -> !found.isEmpty(), WITHIN);
        assertThat(rejected.get(0).getReason()).isEqualTo("model_not_allowed");
        assertThat(rejected.get(0).getRequestedModel()).isEqualTo("support-bot@prod");
        List<AuditEvent> operations = sluice.readTopic(audit.name(), audit.valueSerde().deserializer(),
                e -> e.getAction() == AuditAction.ADMIN && "_platform".equals(e.getTenantId()),
                found -> found.size() >= 12, WITHIN);
        assertThat(operations).extracting(e -> e.getDetails().get("operation")).startsWith("model.create",
                "model.version.create").endsWith("model.version.transition");
        assertThat(operations).allSatisfy(e -> {
            assertThat(e.getApiKeyId()).isEqualTo("ops");
            assertThat(e.getSequence()).isPositive();
        });
    }

    private static void transition(String state) throws Exception {
        admin("/v1/admin/models/transition", "{\"model\": \"support-bot\", \"version\": 1, \"state\": \"" + state + "\"}",
                200);
    }

    private static void approve(String role) throws Exception {
        admin("/v1/admin/models/approve", "{\"model\": \"support-bot\", \"version\": 1, \"role\": \"" + role
                + "\", \"approver\": \"" + role.toLowerCase(java.util.Locale.ROOT) + "-lead\"}", 200);
    }

    private static void admin(String path, String body, int status) {
        HttpResponse<String> response = sluice.post(path, ADMIN_KEY, "application/json", body);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(status);
    }

    private static HttpResponse<String> ask(String key) {
        return sluice.post("/v1/chat/completions", key, "application/json",
                "{\"model\":\"support-bot@prod\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
    }

    /** Asks until the answer has {@code status}, for at most {@link #WITHIN}. */
    private static HttpResponse<String> awaitStatus(String key, int status) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        HttpResponse<String> last = ask(key);
        while (last.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = ask(key);
        }
        assertThat(last.statusCode()).as(last.body()).isEqualTo(status);
        return last;
    }
}
