package io.sluice.schemas.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.PromptLabelTarget;
import io.sluice.avro.PromptRecord;
import io.sluice.avro.PromptVersion;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptRecordsTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private static PromptVersion version(String number, String system) {
        return PromptSpecs.read(PromptSpecsTest.tree("{\"system\": \"" + system + "\"}"), number);
    }

    private static PromptRecord withVersions(String... numbers) {
        PromptRecord record = null;
        for (String number : numbers) {
            record = PromptRecords.publish(record, "triage", version(number, "v" + number), T0).orElseThrow();
        }
        return record;
    }

    private static List<PromptLabelTarget> to(String version) {
        return List.of(new PromptLabelTarget(version, 100));
    }

    @Test
    void publishing_the_same_content_again_is_a_no_op_and_other_content_a_conflict() {
        PromptRecord record = withVersions("1");

        assertThat(PromptRecords.publish(record, "triage", version("1", "v1"), T0.plusSeconds(1))).isEmpty();
        assertThatThrownBy(() -> PromptRecords.publish(record, "triage", version("1", "changed"), T0.plusSeconds(1)))
                .isInstanceOfSatisfying(PromptException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("prompt_version_exists");
                });
        assertThat(PromptRecords.publish(record, "triage", version("2", "v2"), T0.plusSeconds(1)).orElseThrow()
                .getVersions()).extracting(PromptVersion::getVersion).containsExactly("1", "2");
    }

    @Test
    void a_label_moves_forward_and_rolls_back_step_by_step() {
        PromptRecord record = withVersions("1", "2", "3");
        record = PromptRecords.label(record, "prod", to("1"), "admin-a", T0.plusSeconds(1));
        record = PromptRecords.label(record, "prod", to("2"), "admin-a", T0.plusSeconds(2));
        record = PromptRecords.label(record, "prod", to("3"), "admin-b", T0.plusSeconds(3));
        assertThat(PromptRecords.resolve(record, null, "prod", "r1").getVersion()).isEqualTo("3");

        record = PromptRecords.rollback(record, "prod", "admin-c", T0.plusSeconds(4));
        assertThat(PromptRecords.resolve(record, null, null, "r1").getVersion()).isEqualTo("2");
        assertThat(record.getLabels().get("prod").getMovedBy()).isEqualTo("admin-c");

        record = PromptRecords.rollback(record, "prod", "admin-c", T0.plusSeconds(5));
        assertThat(PromptRecords.resolve(record, null, "prod", "r1").getVersion()).isEqualTo("1");

        PromptRecord first = record;
        assertThatThrownBy(() -> PromptRecords.rollback(first, "prod", "admin-c", T0.plusSeconds(6)))
                .isInstanceOfSatisfying(PromptException.class, e -> assertThat(e.code()).isEqualTo("no_previous_target"));
    }

    @Test
    void labels_point_only_at_published_versions_and_a_split_needs_two_different_ones() {
        PromptRecord record = withVersions("1", "2");

        assertThatThrownBy(() -> PromptRecords.label(record, "prod", to("9"), "a", T0))
                .isInstanceOfSatisfying(PromptException.class, e -> assertThat(e.code()).isEqualTo("prompt_version_not_found"));
        assertThatThrownBy(() -> PromptRecords.label(record, "prod",
                List.of(new PromptLabelTarget("1", 50), new PromptLabelTarget("1", 50)), "a", T0))
                .isInstanceOf(PromptException.class).hasMessageContaining("two different versions");
        assertThatThrownBy(() -> PromptRecords.label(record, "prod",
                List.of(new PromptLabelTarget("1", 0), new PromptLabelTarget("2", 50)), "a", T0))
                .isInstanceOf(PromptException.class).hasMessageContaining("weight");
    }

    @Test
    void unknown_versions_and_labels_are_404s_naming_the_request_parameter() {
        PromptRecord record = withVersions("1");

        assertThatThrownBy(() -> PromptRecords.resolve(record, "7", null, "r"))
                .isInstanceOfSatisfying(PromptException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.param()).isEqualTo("prompt.version");
                });
        assertThatThrownBy(() -> PromptRecords.resolve(record, null, null, "r"))
                .isInstanceOfSatisfying(PromptException.class, e -> {
                    assertThat(e.code()).isEqualTo("prompt_label_not_found");
                    assertThat(e.param()).isEqualTo("prompt.label");
                });
    }

    @Test
    void an_ab_split_serves_each_version_in_proportion_to_its_weight_and_the_same_request_the_same_version() {
        var targets = List.of(new PromptLabelTarget("1", 90), new PromptLabelTarget("2", 10));
        Map<String, Integer> served = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            served.merge(PromptRecords.choose(targets, "chatcmpl-" + i), 1, Integer::sum);
        }

        assertThat(served.get("1")).isBetween(17_600, 18_400);
        assertThat(served.get("2")).isBetween(1_600, 2_400);
        for (int i = 0; i < 100; i++) {
            assertThat(PromptRecords.choose(targets, "chatcmpl-" + i)).isEqualTo(PromptRecords.choose(targets,
                    "chatcmpl-" + i));
        }
    }

    @Test
    void a_label_remembers_a_bounded_history() {
        PromptRecord record = withVersions("1", "2");
        for (int i = 0; i < PromptRecords.HISTORY + 5; i++) {
            record = PromptRecords.label(record, "prod", to(i % 2 == 0 ? "1" : "2"), "a", T0.plusSeconds(i));
        }
        assertThat(record.getLabelHistory().get("prod")).hasSize(PromptRecords.HISTORY);
    }
}
