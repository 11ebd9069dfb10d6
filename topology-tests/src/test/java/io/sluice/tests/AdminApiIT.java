package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.app.SluiceRuntime;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenants and keys through the admin API on the real broker: a tenant and a key created on one
 * ingress serve chat completions there and on a second ingress (same prefix, ingress only) that
 * learns them from the {@code tenants} topic; a rotated key's old secret works during a 2 s grace
 * and is refused after it; a revoked key is refused by both ingresses within seconds; every
 * operation is an {@code ADMIN} event on the chained audit trail, with before and after and no
 * secret or hash.
 */
@ExtendWith(SharedKafkaExtension.class)
class AdminApiIT {
    private static final String ADMIN_KEY = "sk-test-admin-it-0123456789abcdef";
    private static final String CONFIGURED_KEY = "sk-test-admin-it-configured-0123456789";
    private static final String TENANT = "adm-newco";
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningSluice first;
    private static RunningSluice second;

    @BeforeAll
    static void start(SharedKafka kafka) {
        String prefix = SharedKafka.newPrefix("admin");
        String yaml = """
                kafka:
                  topic-prefix: %s
                  partitions: 3
                ingress:
                  reply-partition: %d
                  key-rotation-grace: 2s
                  admin-keys:
                    - id: ops
                      secret: ${ADMIN_KEY}
                tenants:
                  - id: adm-configured
                    keys:
                      - id: adm-configured-key
                        secret: ${CONFIGURED_KEY}
                deployments:
                  - {name: mock, provider: mock}
                models:
                  - {name: echo, deployment: mock, upstream-model: mock-echo}
                  - {name: other, deployment: mock, upstream-model: mock-echo}
                """;
        Map<String, String> env = Map.of("ADMIN_KEY", ADMIN_KEY, "CONFIGURED_KEY", CONFIGURED_KEY);
        first = RunningSluice.start(kafka, yaml.formatted(prefix, 0), env);
        second = RunningSluice.start(kafka, yaml.formatted(prefix, 1), env, EnumSet.of(SluiceRuntime.Component.INGRESS));
    }

    @AfterAll
    static void stop() throws Exception {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void keysCreatedRotatedAndRevokedThroughTheAdminApiTakeEffectOnEveryIngress() throws Exception {
        // given a tenant and a key created through the admin API, limited to one model
        HttpResponse<String> tenant = first.post("/v1/admin/tenants", ADMIN_KEY, "application/json",
                "{\"id\": \"" + TENANT + "\", \"apps\": [\"web\"]}");
        assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(201);
        HttpResponse<String> created = first.post("/v1/admin/keys", ADMIN_KEY, "application/json",
                "{\"tenant\": \"" + TENANT + "\", \"app\": \"web\", \"id\": \"newco-web\", \"models\": [\"echo\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String secret = JSON.readTree(created.body()).path("secret").asText();
        assertThat(secret).startsWith("sk-sluice-");

        // then it serves its model on both ingresses (the gateway and the second ingress learn it from the topic)
        awaitStatus(first, secret, 200);
        awaitStatus(second, secret, 200);
        assertThat(ask(first, secret, "other").statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(second.get("/v1/models", secret).body()).at("/data/0/id").asText()).isEqualTo("echo");

        // when it is rotated, the old and the new secret both work during the grace, the old one not after it
        HttpResponse<String> rotated = first.post("/v1/admin/keys/rotate", ADMIN_KEY, "application/json",
                "{\"tenant\": \"" + TENANT + "\", \"id\": \"newco-web\"}");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String fresh = JSON.readTree(rotated.body()).path("secret").asText();
        assertThat(fresh).isNotEqualTo(secret);
        assertThat(ask(first, secret, "echo").statusCode()).isEqualTo(200);
        assertThat(ask(first, fresh, "echo").statusCode()).isEqualTo(200);
        awaitStatus(second, fresh, 200);
        awaitStatus(first, secret, 401);
        awaitStatus(second, secret, 401);
        assertThat(ask(first, fresh, "echo").statusCode()).isEqualTo(200);

        // when it is revoked, both ingresses refuse it within seconds
        HttpResponse<String> revoked = first.post("/v1/admin/keys/revoke", ADMIN_KEY, "application/json",
                "{\"tenant\": \"" + TENANT + "\", \"id\": \"newco-web\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(ask(first, fresh, "echo").statusCode()).isEqualTo(401);
        awaitStatus(second, fresh, 401);

        // and the second ingress lists the tenant with its key revoked, never a secret or a hash
        HttpResponse<String> listed = second.get("/v1/admin/tenants?tenant=" + TENANT, ADMIN_KEY);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode key = JSON.readTree(listed.body()).at("/data/0/keys/0");
        assertThat(key.path("id").asText()).isEqualTo("newco-web");
        assertThat(key.path("status").asText()).isEqualTo("revoked");
        assertThat(listed.body()).doesNotContain(secret, fresh, hex(secret), hex(fresh));

        // and every operation is an ADMIN event on the chained audit trail, without secrets
        List<AuditEvent> events = first.readTopic(first.runtime().topics().audit().name(),
                first.runtime().topics().audit().valueSerde().deserializer(),
                e -> e.getAction() == AuditAction.ADMIN && TENANT.equals(e.getTenantId()),
                found -> found.size() >= 4, WITHIN);
        assertThat(events).extracting(e -> e.getDetails().get("operation"))
                .containsExactly("tenant.create", "key.create", "key.rotate", "key.revoke");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getStage()).isEqualTo("admin");
            assertThat(e.getApiKeyId()).isEqualTo("ops");
            assertThat(e.getSequence()).isPositive();
            assertThat(e.getDetails()).containsKeys("target", "before", "after");
            assertThat(e.toString()).doesNotContain(secret, fresh, hex(secret), hex(fresh));
        });
        assertThat(JSON.readTree(events.get(3).getDetails().get("before")).at("/keys/0/status").asText())
                .isEqualTo("active");
        assertThat(JSON.readTree(events.get(3).getDetails().get("after")).at("/keys/0/status").asText())
                .isEqualTo("revoked");
    }

    @Test
    void aTenantsPolicyAndItsKeysLimitsSetThroughTheAdminApiGovernTheRunningPipeline() throws Exception {
        // given a tenant created with a policy, a key limited to 3 requests a minute and one without a limit
        String tenant = "adm-policy";
        HttpResponse<String> created = first.post("/v1/admin/tenants", ADMIN_KEY, "application/json",
                "{\"id\": \"" + tenant + "\", \"policy\": {\"requests_per_minute\": 1000,"
                        + " \"budgets\": [{\"period\": \"month\", \"limit\": \"12.50\", \"mode\": \"soft\"}]}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).at("/policy/budgets/0/limit").asText()).isEqualTo("12.50");
        String limited = secret(first.post("/v1/admin/keys", ADMIN_KEY, "application/json",
                "{\"tenant\": \"" + tenant + "\", \"id\": \"policy-limited\", \"requests_per_minute\": 3}"));
        String open = secret(first.post("/v1/admin/keys", ADMIN_KEY, "application/json",
                "{\"tenant\": \"" + tenant + "\", \"id\": \"policy-open\"}"));
        awaitStatus(first, open, 200);

        // then the limited key gets three answers a minute, whose headers show its own limit, and a 429
        List<HttpResponse<String>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(ask(first, limited, "echo"));
        }
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 200, 200, 429);
        assertThat(answers.get(0).headers().firstValue("x-ratelimit-limit-requests")).hasValue("3");
        assertThat(answers.get(3).body()).contains("rate_limit_exceeded");

        // when the policy confines the tenant to a region no deployment serves, its requests are refused
        HttpResponse<String> confined = first.post("/v1/admin/tenants/policy", ADMIN_KEY, "application/json",
                "{\"tenant\": \"" + tenant + "\", \"regions\": [\"ap-south\"]}");
        assertThat(confined.statusCode()).as(confined.body()).isEqualTo(200);
        awaitStatus(first, open, 403);
        assertThat(ask(first, open, "echo").body()).contains("region_not_allowed");

        // and when the policy is cleared, it is served again
        HttpResponse<String> cleared = second.post("/v1/admin/tenants/policy", ADMIN_KEY, "application/json",
                "{\"tenant\": \"" + tenant + "\"}");
        assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
        awaitStatus(first, open, 200);

        // a policy the gateway could not apply is refused, naming the field
        HttpResponse<String> bad = first.post("/v1/admin/tenants/policy", ADMIN_KEY, "application/json",
                "{\"tenant\": \"" + tenant + "\", \"sanitize\": {\"injection\": \"mask\"}}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).at("/error/param").asText()).isEqualTo("sanitize.injection");

        // and each change is an ADMIN event with the policy before and after
        List<AuditEvent> events = first.readTopic(first.runtime().topics().audit().name(),
                first.runtime().topics().audit().valueSerde().deserializer(),
                e -> e.getAction() == AuditAction.ADMIN && tenant.equals(e.getTenantId())
                        && "tenant.policy".equals(e.getDetails().get("operation")),
                found -> found.size() >= 2, WITHIN);
        assertThat(JSON.readTree(events.get(0).getDetails().get("before")).at("/policy/requests_per_minute").asInt())
                .isEqualTo(1000);
        assertThat(JSON.readTree(events.get(0).getDetails().get("after")).at("/policy/regions/0").asText())
                .isEqualTo("ap-south");
        assertThat(JSON.readTree(events.get(1).getDetails().get("after")).path("policy").isEmpty()).isTrue();
    }

    private static String secret(HttpResponse<String> created) throws Exception {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("secret").asText();
    }

    @Test
    void onlyAnAdminKeyOpensTheAdminApi() {
        String body = "{\"id\": \"adm-intruder\"}";
        assertThat(first.post("/v1/admin/tenants", null, "application/json", body).statusCode()).isEqualTo(401);
        assertThat(first.post("/v1/admin/tenants", CONFIGURED_KEY, "application/json", body).statusCode())
                .isEqualTo(401);
        HttpResponse<String> configured = first.post("/v1/admin/tenants", ADMIN_KEY, "application/json",
                "{\"id\": \"adm-configured\"}");
        assertThat(configured.statusCode()).isEqualTo(409);
        assertThat(configured.body()).contains("tenant_exists");
        HttpResponse<String> unknownField = first.post("/v1/admin/keys", ADMIN_KEY, "application/json",
                "{\"tenant\": \"adm-configured\", \"secret\": \"mine\"}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("unknown_parameter");
    }

    private static HttpResponse<String> ask(RunningSluice sluice, String key, String model) {
        return sluice.post("/v1/chat/completions", key, "application/json",
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
    }

    /** Asks until the answer has {@code status}, for at most {@link #WITHIN}. */
    private static void awaitStatus(RunningSluice sluice, String key, int status) throws InterruptedException {
        Predicate<HttpResponse<String>> done = r -> r.statusCode() == status;
        long deadline = System.nanoTime() + WITHIN.toNanos();
        HttpResponse<String> last = ask(sluice, key, "echo");
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = ask(sluice, key, "echo");
        }
        assertThat(last.statusCode()).as(last.body()).isEqualTo(status);
    }

    private static String hex(String secret) {
        return HexFormat.of().formatHex(io.sluice.ingress.ApiKey.hash(secret));
    }
}
