package io.sluice.schemas.prompts;

import io.sluice.avro.PromptLabel;
import io.sluice.avro.PromptLabelTarget;
import io.sluice.avro.PromptRecord;
import io.sluice.avro.PromptVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of the prompt registry as pure functions over its records: publishing immutable
 * versions, pointing labels at one version or an A/B split of two, moving a label back to where it
 * pointed before, and finding the version a request is served.
 */
public final class PromptRecords {
    /** The label a request that names neither a version nor a label is served. */
    public static final String DEFAULT_LABEL = "prod";
    /** How many earlier targets a label remembers for rollbacks. */
    static final int HISTORY = 20;

    private PromptRecords() {}

    /**
     * {@code before} with {@code version} added, or empty when it holds that version with the same
     * content already (publishing is idempotent).
     *
     * @param before the prompt's record, null for a new prompt
     * @throws PromptException 409 {@code prompt_version_exists} for the version with other content
     */
    public static Optional<PromptRecord> publish(PromptRecord before, String name, PromptVersion version, Instant now) {
        PromptSpecs.requireId(name, "name", "prompt name");
        if (before == null) {
            return Optional.of(PromptRecord.newBuilder().setName(name).setVersions(List.of(version))
                    .setLabels(Map.of()).setLabelHistory(Map.of()).setCreatedAt(now).setUpdatedAt(now).build());
        }
        Optional<PromptVersion> held = version(before, version.getVersion());
        if (held.isPresent()) {
            if (held.get().getContentHash().equals(version.getContentHash())) {
                return Optional.empty();
            }
            throw new PromptException(409, "prompt_version_exists", "version", "Prompt `" + name + "` has a version "
                    + version.getVersion() + " with other content (hash " + held.get().getContentHash().substring(0, 12)
                    + "); versions never change: publish a new version.");
        }
        List<PromptVersion> versions = new ArrayList<>(before.getVersions());
        versions.add(version);
        return Optional.of(next(before, now).setVersions(versions).build());
    }

    /**
     * {@code before} with {@code label} pointing at {@code targets}: one version, or two distinct
     * versions with positive weights (an A/B split); where it pointed before is remembered.
     *
     * @throws PromptException 400 for a bad label or split, 404 {@code prompt_version_not_found}
     */
    public static PromptRecord label(PromptRecord before, String label, List<PromptLabelTarget> targets, String by,
            Instant now) {
        PromptSpecs.requireId(label, "label", "label");
        if (targets.isEmpty() || targets.size() > 2) {
            throw PromptException.invalid("targets", "a label points at one version or splits between two");
        }
        if (targets.size() == 2 && targets.get(0).getVersion().equals(targets.get(1).getVersion())) {
            throw PromptException.invalid("targets", "an A/B split needs two different versions");
        }
        List<PromptLabelTarget> normalized = new ArrayList<>();
        for (PromptLabelTarget target : targets) {
            if (target.getWeight() < 1 || target.getWeight() > 1_000_000) {
                throw PromptException.invalid("targets", "a weight is a whole number from 1 to 1000000");
            }
            requireVersion(before, target.getVersion(), "targets");
            normalized.add(targets.size() == 1 ? new PromptLabelTarget(target.getVersion(), 100) : target);
        }
        PromptLabel current = before.getLabels().get(label);
        Map<String, List<PromptLabel>> history = new HashMap<>(before.getLabelHistory());
        if (current != null) {
            List<PromptLabel> past = new ArrayList<>(history.getOrDefault(label, List.of()));
            past.add(current);
            history.put(label, List.copyOf(past.subList(Math.max(0, past.size() - HISTORY), past.size())));
        }
        Map<String, PromptLabel> labels = new HashMap<>(before.getLabels());
        labels.put(label, new PromptLabel(List.copyOf(normalized), now, by));
        return next(before, now).setLabels(labels).setLabelHistory(history).build();
    }

    /**
     * {@code before} with {@code label} moved back to where it pointed before its last move; the
     * target it leaves is forgotten, so rolling back again goes further back.
     *
     * @throws PromptException 404 {@code prompt_label_not_found}, 409 {@code no_previous_target}
     */
    public static PromptRecord rollback(PromptRecord before, String label, String by, Instant now) {
        if (!before.getLabels().containsKey(label)) {
            throw labelNotFound(before, label, "label");
        }
        List<PromptLabel> past = before.getLabelHistory().getOrDefault(label, List.of());
        if (past.isEmpty()) {
            throw new PromptException(409, "no_previous_target", "label", "Label `" + label + "` of prompt `"
                    + before.getName() + "` has never pointed anywhere else; there is nothing to roll back to.");
        }
        PromptLabel previous = past.get(past.size() - 1);
        Map<String, List<PromptLabel>> history = new HashMap<>(before.getLabelHistory());
        history.put(label, List.copyOf(past.subList(0, past.size() - 1)));
        Map<String, PromptLabel> labels = new HashMap<>(before.getLabels());
        labels.put(label, new PromptLabel(previous.getTargets(), now, by));
        return next(before, now).setLabels(labels).setLabelHistory(history).build();
    }

    /**
     * The version a request is served: the one it names, else the one its label (or
     * {@value #DEFAULT_LABEL}) points at, chosen by weight from the request id for a split, so a
     * request keeps its version when it is processed again.
     *
     * @throws PromptException 404 {@code prompt_version_not_found} or {@code prompt_label_not_found}
     */
    public static PromptVersion resolve(PromptRecord record, String version, String label, String requestId) {
        if (version != null) {
            return requireVersion(record, version, "prompt.version");
        }
        String name = label == null ? DEFAULT_LABEL : label;
        PromptLabel pointed = record.getLabels().get(name);
        if (pointed == null) {
            throw labelNotFound(record, name, "prompt.label");
        }
        return requireVersion(record, choose(pointed.getTargets(), requestId), "prompt.label");
    }

    /** The version of {@code targets} a request falls on: by a hash of its id, in proportion to the weights. */
    public static String choose(List<PromptLabelTarget> targets, String requestId) {
        if (targets.size() == 1) {
            return targets.get(0).getVersion();
        }
        long total = 0;
        for (PromptLabelTarget target : targets) {
            total += target.getWeight();
        }
        long point = Long.remainderUnsigned(bucketHash(requestId), total);
        for (PromptLabelTarget target : targets) {
            point -= target.getWeight();
            if (point < 0) {
                return target.getVersion();
            }
        }
        throw new IllegalStateException("weights changed while choosing");
    }

    public static Optional<PromptVersion> version(PromptRecord record, String version) {
        return record.getVersions().stream().filter(v -> v.getVersion().equals(version)).findFirst();
    }

    private static PromptVersion requireVersion(PromptRecord record, String version, String param) {
        return version(record, version).orElseThrow(() -> PromptException.notFound("prompt_version_not_found", param,
                "Prompt `" + record.getName() + "` has no version `" + version + "`."));
    }

    private static PromptException labelNotFound(PromptRecord record, String label, String param) {
        return PromptException.notFound("prompt_label_not_found", param, "Prompt `" + record.getName()
                + "` has no label `" + label + "`" + (record.getLabels().isEmpty() ? "."
                        : "; it has " + new java.util.TreeSet<>(record.getLabels().keySet()) + "."));
    }

    private static long bucketHash(String requestId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(requestId.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PromptRecord.Builder next(PromptRecord before, Instant now) {
        Instant updated = now.isAfter(before.getUpdatedAt()) ? now : before.getUpdatedAt().plusMillis(1);
        return PromptRecord.newBuilder(before).setUpdatedAt(updated);
    }
}
