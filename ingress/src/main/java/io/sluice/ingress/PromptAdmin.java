package io.sluice.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.PromptLabel;
import io.sluice.avro.PromptLabelTarget;
import io.sluice.avro.PromptRecord;
import io.sluice.avro.PromptVersion;
import io.sluice.schemas.prompts.PromptException;
import io.sluice.schemas.prompts.PromptRecords;
import io.sluice.schemas.prompts.PromptSpecs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The admin API's operations on published prompts: publish a version (immutable; the same content
 * again is a no-op, other content a 409), point a label at a version or an A/B split of two, roll
 * a label back ({@link PromptRecords}). Each reads the prompt as this ingress knows it from the
 * {@code prompts} topic, writes the new state there and an {@code ADMIN} audit event (who, what,
 * before and after) on the platform's chain of {@code audit.raw}, and answers with the new state.
 * Like {@link ModelAdmin}, operations run one at a time off the event loop.
 */
final class PromptAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the admin API reads and changes: the prompts topic as this ingress follows it. */
    interface Prompts {
        boolean awaitCaughtUp(Duration limit) throws InterruptedException;

        Optional<PromptRecord> prompt(String name);

        List<PromptRecord> prompts();

        void apply(PromptRecord record);
    }

    private final Prompts prompts;
    private final AdminLog store;
    private final Clock clock;

    PromptAdmin(Prompts prompts, AdminLog store, Clock clock) {
        this.prompts = prompts;
        this.store = store;
        this.clock = clock;
    }

    synchronized byte[] list(String name) {
        awaitReady();
        return AdminOperations.list(prompts.prompts(), r -> name == null || name.equals(r.getName()), PromptAdmin::view);
    }

    /** Publishes {@code spec} as {@code version} of {@code name}; answers the version and whether it was new. */
    synchronized Published publish(String adminId, String name, String version, JsonNode spec) {
        PromptVersion read = checked(() -> {
            PromptSpecs.requireId(name, "name", "prompt name");
            return PromptSpecs.read(spec, version);
        });
        awaitReady();
        PromptRecord before = prompts.prompt(name).orElse(null);
        Instant now = clock.instant();
        PromptVersion stamped = PromptVersion.newBuilder(read).setPublishedAt(now).setPublishedBy(adminId).build();
        Optional<PromptRecord> after = checked(() -> PromptRecords.publish(before, name, stamped, now));
        if (after.isEmpty()) {
            PromptVersion held = PromptRecords.version(before, version).orElseThrow();
            return new Published(false, AdminOperations.bytes(PromptSpecs.view(held)));
        }
        write(adminId, "prompt.publish", target(name) + "/version/" + version, before, after.get());
        return new Published(true, AdminOperations.bytes(PromptSpecs.view(stamped)));
    }

    /** The answer to a publication: {@code created} false when the version was there with this content already. */
    record Published(boolean created, byte[] body) {}

    synchronized byte[] label(String adminId, String name, String label, List<PromptLabelTarget> targets) {
        awaitReady();
        PromptRecord before = existing(name);
        PromptRecord after = checked(() -> PromptRecords.label(before, label, targets, adminId, clock.instant()));
        write(adminId, "prompt.label", target(name) + "/label/" + label, before, after);
        return AdminOperations.bytes(view(after));
    }

    synchronized byte[] rollback(String adminId, String name, String label) {
        awaitReady();
        PromptRecord before = existing(name);
        PromptRecord after = checked(() -> PromptRecords.rollback(before, label, adminId, clock.instant()));
        write(adminId, "prompt.label.rollback", target(name) + "/label/" + label, before, after);
        return AdminOperations.bytes(view(after));
    }

    private interface Rule<T> {
        T apply();
    }

    /** The rule's result, or its refusal as the API's error. */
    private static <T> T checked(Rule<T> rule) {
        try {
            return rule.apply();
        } catch (PromptException e) {
            throw new ApiException(switch (e.status()) {
                case 404 -> TenantAdmin.notFound(e.code(), e.getMessage(), e.param());
                case 409 -> TenantAdmin.conflict(e.code(), e.getMessage(), e.param());
                default -> ApiError.invalidRequest(e.getMessage(), e.param(), e.code());
            });
        }
    }

    private void write(String adminId, String operation, String target, PromptRecord before, PromptRecord after) {
        AuditEvent event = AdminOperations.event(adminId, ModelAdmin.AUDIT_TENANT, operation, target,
                before == null ? null : summary(before), summary(after), clock.instant())
                .setPromptName(after.getName()).build();
        AdminOperations.store(() -> store.write(after, event), event);
        prompts.apply(after);
    }

    private void awaitReady() {
        AdminOperations.awaitReady(prompts::awaitCaughtUp, "prompts", "published prompts");
    }

    private PromptRecord existing(String name) {
        return prompts.prompt(name).orElseThrow(() -> new ApiException(TenantAdmin.notFound("prompt_not_found",
                "No prompt named `" + name + "` is published.", "name")));
    }

    private static String target(String name) {
        return "prompt/" + name;
    }

    /** The prompt as the admin API lists it: every version in full, labels and how far each can roll back. */
    static ObjectNode view(PromptRecord prompt) {
        ObjectNode node = summary(prompt);
        ArrayNode versions = node.putArray("versions");
        prompt.getVersions().forEach(v -> versions.add(PromptSpecs.view(v)));
        return node;
    }

    /** The prompt without its versions' text: what an audit event's before and after hold. */
    private static ObjectNode summary(PromptRecord prompt) {
        ObjectNode node = JSON.createObjectNode().put("object", "prompt").put("name", prompt.getName());
        ArrayNode hashes = node.putArray("version_hashes");
        prompt.getVersions().forEach(v -> hashes.addObject().put("version", v.getVersion())
                .put("content_hash", v.getContentHash()));
        ObjectNode labels = node.putObject("labels");
        new TreeMap<>(prompt.getLabels()).forEach((name, label) -> {
            ObjectNode each = labelView(label);
            each.put("rollbacks", prompt.getLabelHistory().getOrDefault(name, List.of()).size());
            labels.set(name, each);
        });
        node.put("created_at", prompt.getCreatedAt().toString());
        node.put("updated_at", prompt.getUpdatedAt().toString());
        return node;
    }

    private static ObjectNode labelView(PromptLabel label) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode targets = node.putArray("targets");
        label.getTargets().forEach(t -> targets.addObject().put("version", t.getVersion()).put("weight", t.getWeight()));
        node.put("moved_at", label.getMovedAt().toString()).put("moved_by", label.getMovedBy());
        return node;
    }

}
