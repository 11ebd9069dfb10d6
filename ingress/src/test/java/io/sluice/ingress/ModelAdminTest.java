package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.avro.ApprovalRole;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.ModelRecord;
import io.sluice.avro.ModelState;
import io.sluice.avro.TenantRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelAdminTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private final ModelDirectory directory = new ModelDirectory(null, Map.of());
    private final List<ModelRecord> stored = new ArrayList<>();
    private final List<AuditEvent> audited = new ArrayList<>();
    private final ModelCatalog configured = ModelCatalog.of(List.of("gpt-4o", "mock-echo"));
    private final ModelAdmin admin = new ModelAdmin(new ReadyModels(directory), new AdminLog() {
        @Override
        public void write(TenantRecord tenant, AuditEvent event) {
            throw new AssertionError("no tenant is written by the registry");
        }

        @Override
        public void write(ModelRecord model, AuditEvent event) {
            stored.add(model);
            audited.add(event);
        }
    }, configured, clock);

    @Test
    void aVersionWalksTheWholeWorkflowToProductionWithEveryStepRecordedAndAudited() throws Exception {
        admin.createModel("root", "support-bot", "alice", "ml", "answers tickets", List.of("ml-lab"), List.of("qa"));
        JsonNode created = json(admin.addVersion("root", "support-bot", new ModelAdmin.NewVersion("gpt-4o", null, null,
                List.of("s3://tickets/2026-q3"), Map.of("accuracy", 0.93))));
        assertThat(created.path("version").asInt()).isEqualTo(1);
        assertThat(created.path("state").asText()).isEqualTo("DEVELOPMENT");
        assertThat(created.path("owner").asText()).isEqualTo("alice");
        assertThat(created.at("/metrics/accuracy").asDouble()).isEqualTo(0.93);

        admin.transition("root", "support-bot", 1, ModelState.STAGING);
        admin.approve("ml-lead", "support-bot", 1, ApprovalRole.ML, "bob", null);
        admin.approve("sec-key", "support-bot", 1, ApprovalRole.SECURITY, "carol", "red-teamed");
        admin.approve("root", "support-bot", 1, ApprovalRole.LEGAL, "dan", null);
        admin.transition("root", "support-bot", 1, ModelState.APPROVED);
        admin.approve("root", "support-bot", 1, ApprovalRole.DEPLOY, "erin", null);
        JsonNode production = json(admin.transition("root", "support-bot", 1, ModelState.PRODUCTION));
        admin.alias("root", "support-bot", "prod", 1);

        assertThat(production.path("state").asText()).isEqualTo("PRODUCTION");
        assertThat(production.at("/approvals/1/role").asText()).isEqualTo("SECURITY");
        assertThat(production.at("/approvals/1/approver").asText()).isEqualTo("carol");
        assertThat(production.at("/approvals/1/admin_key_id").asText()).isEqualTo("sec-key");
        assertThat(production.at("/approvals/1/note").asText()).isEqualTo("red-teamed");
        ModelRecord last = stored.get(stored.size() - 1);
        assertThat(last.getAliases()).containsEntry("prod", 1);
        assertThat(directory.model("support-bot")).contains(last);

        assertThat(audited).hasSize(10).allSatisfy(e -> {
            assertThat(e.getAction()).isEqualTo(AuditAction.ADMIN);
            assertThat(e.getTenantId()).isEqualTo("_platform");
            assertThat(e.getStage()).isEqualTo("admin");
        });
        assertThat(audited).extracting(e -> e.getDetails().get("operation")).containsExactly("model.create",
                "model.version.create", "model.version.transition", "model.version.approve", "model.version.approve",
                "model.version.approve", "model.version.transition", "model.version.approve",
                "model.version.transition", "model.alias");
        AuditEvent promoted = audited.get(8);
        assertThat(promoted.getApiKeyId()).isEqualTo("root");
        assertThat(promoted.getDetails()).containsEntry("target", "model/support-bot/version/1");
        assertThat(json(promoted.getDetails().get("before")).at("/versions/0/state").asText()).isEqualTo("APPROVED");
        assertThat(json(promoted.getDetails().get("after")).at("/versions/0/state").asText()).isEqualTo("PRODUCTION");
        assertThat(audited.get(0).getDetails()).containsEntry("before", "null");
    }

    @Test
    void refusedMovesAndStepsAre409WithTheLifecycleCodeAndStoreNothing() {
        admin.createModel("root", "support-bot", "alice", "ml", null, List.of(), List.of());
        admin.addVersion("root", "support-bot", new ModelAdmin.NewVersion("gpt-4o", null, null, null, null));
        int before = stored.size();

        expectError(() -> admin.transition("root", "support-bot", 1, ModelState.PRODUCTION), 409, "invalid_transition");
        expectError(() -> admin.approve("root", "support-bot", 1, ApprovalRole.ML, "bob", null), 409,
                "invalid_approval");
        admin.transition("root", "support-bot", 1, ModelState.STAGING);
        expectError(() -> admin.transition("root", "support-bot", 1, ModelState.APPROVED), 409, "approval_required");
        expectError(() -> admin.approve("root", "support-bot", 1, ApprovalRole.LEGAL, "dan", null), 409,
                "invalid_approval");
        assertThat(stored).hasSize(before + 1);
    }

    @Test
    void versionsAreServedByConfiguredModelsAndNamesDoNotClash() {
        expectError(() -> admin.createModel("root", "gpt-4o", "alice", "ml", null, List.of(), List.of()), 409,
                "model_exists");
        admin.createModel("root", "support-bot", "alice", "ml", null, List.of(), List.of());
        expectError(() -> admin.createModel("root", "support-bot", "alice", "ml", null, List.of(), List.of()), 409,
                "model_exists");
        expectError(() -> admin.addVersion("root", "support-bot",
                new ModelAdmin.NewVersion("not-configured", null, null, null, null)), 400, "invalid_value");
        expectError(() -> admin.addVersion("root", "nobody", new ModelAdmin.NewVersion("gpt-4o", null, null, null, null)),
                404, "model_not_found");
        admin.addVersion("root", "support-bot", new ModelAdmin.NewVersion("gpt-4o", "zoe", "nlp", null, null));
        expectError(() -> admin.transition("root", "support-bot", 2, ModelState.STAGING), 404, "version_not_found");
        expectError(() -> admin.alias("root", "support-bot", "7", 1), 400, "invalid_value");
        expectError(() -> admin.alias("root", "support-bot", "prod", 3), 404, "version_not_found");
        assertThat(directory.model("support-bot").orElseThrow().getVersions().get(0).getOwner()).isEqualTo("zoe");
    }

    @Test
    void theCatalogLetsRegistryNamesThroughAndListsEachTenantWhatItsStatesOpen() {
        admin.createModel("root", "support-bot", "alice", "ml", null, List.of("ml-lab"), List.of("qa"));
        admin.addVersion("root", "support-bot", new ModelAdmin.NewVersion("gpt-4o", null, null, null, null));
        admin.addVersion("root", "support-bot", new ModelAdmin.NewVersion("gpt-4o", null, null, null, null));
        admin.transition("root", "support-bot", 2, ModelState.STAGING);
        admin.alias("root", "support-bot", "canary", 2);
        ModelCatalog catalog = ModelCatalog.withRegistry(configured, directory);

        assertThat(catalog.contains("support-bot@canary")).isTrue();
        assertThat(catalog.contains("support-bot@2")).isTrue();
        assertThat(catalog.contains("support-bot")).isTrue();
        assertThat(catalog.contains("support-bot@9")).isFalse();
        assertThat(catalog.contains("support-bot@nightly")).isFalse();
        assertThat(catalog.contains("other-bot")).isFalse();
        assertThat(catalog.models("app")).containsExactly("gpt-4o", "mock-echo");
        assertThat(catalog.models("qa")).containsExactly("gpt-4o", "mock-echo", "support-bot@canary", "support-bot@2");
        assertThat(catalog.models("ml-lab")).containsExactly("gpt-4o", "mock-echo", "support-bot@canary",
                "support-bot@1", "support-bot@2");
    }

    private static void expectError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.error().status()).isEqualTo(status);
            assertThat(e.error().code()).isEqualTo(code);
        });
    }

    private static JsonNode json(byte[] body) throws Exception {
        return JSON.readTree(body);
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    private record ReadyModels(ModelDirectory directory) implements ModelAdmin.Models {
        @Override
        public boolean awaitCaughtUp(Duration limit) {
            return true;
        }

        @Override
        public java.util.Optional<ModelRecord> model(String name) {
            return directory.model(name);
        }

        @Override
        public List<ModelRecord> models() {
            return directory.models();
        }

        @Override
        public void apply(ModelRecord record) {
            directory.apply(record);
        }
    }
}
