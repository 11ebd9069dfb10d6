package io.sluice.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.avro.ApprovalRole;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.ModelApproval;
import io.sluice.avro.ModelRecord;
import io.sluice.avro.ModelState;
import io.sluice.avro.ModelVersion;
import io.sluice.schemas.models.LifecycleException;
import io.sluice.schemas.models.ModelLifecycle;
import io.sluice.schemas.models.ModelRefs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The admin API's operations on the model registry: models, their immutable versions, the approval
 * workflow, lifecycle moves ({@link ModelLifecycle}) and aliases. Each reads the model as this
 * ingress knows it from the {@code models} topic, writes the new state there and an {@code ADMIN}
 * audit event (who, what, before and after) on the platform's chain ({@value #AUDIT_TENANT}) of
 * {@code audit.raw}, and answers with the new state. Like {@link TenantAdmin}, operations run one
 * at a time off the event loop; two ingresses changing one model at once may lose one change.
 */
final class ModelAdmin {
    /** Registry changes concern no single tenant: they are chained as the platform's. */
    static final String AUDIT_TENANT = "_platform";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the admin API reads and changes: the models topic as this ingress follows it. */
    interface Models {
        boolean awaitCaughtUp(Duration limit) throws InterruptedException;

        Optional<ModelRecord> model(String name);

        List<ModelRecord> models();

        void apply(ModelRecord record);
    }

    /** What describes a new version; owner and team default to the model's. */
    record NewVersion(String servedBy, String owner, String team, List<String> lineage, Map<String, Double> metrics) {
        NewVersion {
            lineage = lineage == null ? List.of() : List.copyOf(lineage);
            metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        }
    }

    private final Models models;
    private final AdminLog store;
    private final ModelCatalog configured;
    private final Clock clock;

    /** @param configured the configured models: the only ones a version can be served by, and names the registry cannot take */
    ModelAdmin(Models models, AdminLog store, ModelCatalog configured, Clock clock) {
        this.models = models;
        this.store = store;
        this.configured = configured;
        this.clock = clock;
    }

    synchronized byte[] list(String name) {
        awaitReady();
        return AdminOperations.list(models.models(), r -> name == null || name.equals(r.getName()), ModelAdmin::view);
    }

    synchronized byte[] createModel(String adminId, String name, String owner, String team, String description,
            List<String> teamTenants, List<String> reviewTenants) {
        TenantAdmin.requireId(name, "name");
        requireText(owner, "owner");
        requireText(team, "team");
        teamTenants.forEach(t -> TenantAdmin.requireId(t, "team_tenants"));
        reviewTenants.forEach(t -> TenantAdmin.requireId(t, "review_tenants"));
        awaitReady();
        if (models.model(name).isPresent() || configured.contains(name)) {
            throw new ApiException(TenantAdmin.conflict("model_exists", "A model named `" + name + "` already exists"
                    + (configured.contains(name) ? " in the configuration." : " in the registry."), "name"));
        }
        Instant now = clock.instant();
        ModelRecord after = ModelRecord.newBuilder().setName(name).setOwner(owner).setTeam(team)
                .setDescription(description).setTeamTenants(List.copyOf(teamTenants))
                .setReviewTenants(List.copyOf(reviewTenants)).setVersions(List.of()).setAliases(Map.of())
                .setCreatedAt(now).setUpdatedAt(now).build();
        write(adminId, "model.create", "model/" + name, null, after);
        return AdminOperations.bytes(view(after));
    }

    synchronized byte[] addVersion(String adminId, String name, NewVersion spec) {
        TenantAdmin.requireId(name, "model");
        requireText(spec.servedBy(), "served_by");
        if (!configured.contains(spec.servedBy())) {
            throw new ApiException(ApiError.invalidValue("'served_by' must name a configured model; `"
                    + spec.servedBy() + "` is not one.", "served_by"));
        }
        awaitReady();
        ModelRecord before = existing(name);
        int number = before.getVersions().stream().mapToInt(ModelVersion::getVersion).max().orElse(0) + 1;
        Instant now = clock.instant();
        ModelVersion version = ModelVersion.newBuilder().setVersion(number).setServedBy(spec.servedBy())
                .setOwner(spec.owner() != null ? spec.owner() : before.getOwner())
                .setTeam(spec.team() != null ? spec.team() : before.getTeam())
                .setLineage(spec.lineage()).setMetrics(spec.metrics()).setState(ModelState.DEVELOPMENT)
                .setApprovals(List.of()).setCreatedAt(now).setStateChangedAt(now).build();
        List<ModelVersion> versions = new ArrayList<>(before.getVersions());
        versions.add(version);
        ModelRecord after = next(before, now).setVersions(versions).build();
        write(adminId, "model.version.create", target(name, number), before, after);
        return AdminOperations.bytes(versionView(version));
    }

    synchronized byte[] approve(String adminId, String name, int number, ApprovalRole role, String approver,
            String note) {
        TenantAdmin.requireId(name, "model");
        requireText(approver, "approver");
        awaitReady();
        ModelRecord before = existing(name);
        ModelApproval approval = ModelApproval.newBuilder().setRole(role).setApprover(approver).setAdminKeyId(adminId)
                .setNote(note).setApprovedAt(clock.instant()).build();
        ModelVersion changed = lifecycle(() -> ModelLifecycle.approve(version(before, number), approval));
        ModelRecord after = next(before, clock.instant()).setVersions(replace(before, changed)).build();
        write(adminId, "model.version.approve", target(name, number), before, after);
        return AdminOperations.bytes(versionView(changed));
    }

    synchronized byte[] transition(String adminId, String name, int number, ModelState to) {
        TenantAdmin.requireId(name, "model");
        awaitReady();
        ModelRecord before = existing(name);
        Instant now = clock.instant();
        ModelVersion changed = lifecycle(() -> ModelLifecycle.transition(version(before, number), to, now));
        ModelRecord after = next(before, now).setVersions(replace(before, changed)).build();
        write(adminId, "model.version.transition", target(name, number), before, after);
        return AdminOperations.bytes(versionView(changed));
    }

    /** Points {@code alias} at a version (creating or moving it); an alias cannot look like a version number. */
    synchronized byte[] alias(String adminId, String name, String alias, int number) {
        TenantAdmin.requireId(name, "model");
        TenantAdmin.requireId(alias, "alias");
        if (alias.chars().allMatch(Character::isDigit)) {
            throw new ApiException(ApiError.invalidValue("'alias' must not be a number (`" + name + "@" + alias
                    + "` names version " + alias + ").", "alias"));
        }
        awaitReady();
        ModelRecord before = existing(name);
        version(before, number);
        Map<String, Integer> aliases = new TreeMap<>(before.getAliases());
        aliases.put(alias, number);
        ModelRecord after = next(before, clock.instant()).setAliases(aliases).build();
        write(adminId, "model.alias", "model/" + name + "/alias/" + alias, before, after);
        return AdminOperations.bytes(view(after));
    }

    private interface Change {
        ModelVersion apply();
    }

    private static ModelVersion lifecycle(Change change) {
        try {
            return change.apply();
        } catch (LifecycleException e) {
            throw new ApiException(TenantAdmin.conflict(e.code(), e.getMessage(), null));
        }
    }

    private void write(String adminId, String operation, String target, ModelRecord before, ModelRecord after) {
        AuditEvent event = AdminOperations.event(adminId, AUDIT_TENANT, operation, target,
                before == null ? null : view(before), view(after), clock.instant())
                .setRequestedModel(after.getName()).build();
        AdminOperations.store(() -> store.write(after, event), event);
        models.apply(after);
    }

    private void awaitReady() {
        AdminOperations.awaitReady(models::awaitCaughtUp, "models", "model registry");
    }

    private ModelRecord existing(String name) {
        return models.model(name).orElseThrow(() -> new ApiException(TenantAdmin.notFound("model_not_found",
                "The registry has no model `" + name + "`.", "model")));
    }

    private static ModelVersion version(ModelRecord model, int number) {
        return ModelRefs.version(model, number).orElseThrow(() -> new ApiException(TenantAdmin.notFound(
                "version_not_found", "Model `" + model.getName() + "` has no version " + number + ".", "version")));
    }

    private static ModelRecord.Builder next(ModelRecord before, Instant now) {
        Instant updated = now.isAfter(before.getUpdatedAt()) ? now : before.getUpdatedAt().plusMillis(1);
        return ModelRecord.newBuilder(before).setUpdatedAt(updated);
    }

    private static List<ModelVersion> replace(ModelRecord model, ModelVersion version) {
        return model.getVersions().stream().map(v -> v.getVersion() == version.getVersion() ? version : v).toList();
    }

    private static String target(String name, int version) {
        return "model/" + name + "/version/" + version;
    }

    private static void requireText(String value, String param) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new ApiException(ApiError.invalidValue("'" + param + "' must be a non-empty string of at most 200"
                    + " characters.", param));
        }
    }

    static ObjectNode view(ModelRecord model) {
        ObjectNode node = JSON.createObjectNode().put("object", "registry.model").put("name", model.getName())
                .put("owner", model.getOwner()).put("team", model.getTeam());
        if (model.getDescription() != null) {
            node.put("description", model.getDescription());
        }
        model.getTeamTenants().forEach(node.putArray("team_tenants")::add);
        model.getReviewTenants().forEach(node.putArray("review_tenants")::add);
        ArrayNode versions = node.putArray("versions");
        model.getVersions().forEach(v -> versions.add(versionView(v)));
        ObjectNode aliases = node.putObject("aliases");
        new TreeMap<>(model.getAliases()).forEach(aliases::put);
        node.put("created_at", model.getCreatedAt().toString());
        node.put("updated_at", model.getUpdatedAt().toString());
        return node;
    }

    static ObjectNode versionView(ModelVersion version) {
        ObjectNode node = JSON.createObjectNode().put("object", "registry.model.version")
                .put("version", version.getVersion()).put("served_by", version.getServedBy())
                .put("owner", version.getOwner()).put("team", version.getTeam())
                .put("state", version.getState().name());
        version.getLineage().forEach(node.putArray("lineage")::add);
        ObjectNode metrics = node.putObject("metrics");
        new TreeMap<>(version.getMetrics()).forEach(metrics::put);
        ArrayNode approvals = node.putArray("approvals");
        for (ModelApproval approval : version.getApprovals()) {
            ObjectNode step = approvals.addObject().put("role", approval.getRole().name())
                    .put("approver", approval.getApprover()).put("admin_key_id", approval.getAdminKeyId())
                    .put("approved_at", approval.getApprovedAt().toString());
            if (approval.getNote() != null) {
                step.put("note", approval.getNote());
            }
        }
        node.put("created_at", version.getCreatedAt().toString());
        node.put("state_changed_at", version.getStateChangedAt().toString());
        return node;
    }

}
