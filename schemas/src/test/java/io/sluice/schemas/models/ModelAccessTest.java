package io.sluice.schemas.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.ModelRecord;
import io.sluice.avro.ModelState;
import io.sluice.avro.ModelVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelAccessTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void who_may_call_a_version_in_each_state() {
        // tenant kinds: the ML team's, a reviewer (QA / stakeholder), any other application
        expect(ModelState.DEVELOPMENT, true, false, false);
        expect(ModelState.STAGING, true, true, false);
        expect(ModelState.APPROVED, true, true, true);
        expect(ModelState.PRODUCTION, true, true, true);
        expect(ModelState.DEPRECATED, false, false, false);
        expect(ModelState.ARCHIVED, false, false, false);
    }

    @Test
    void a_deprecated_version_stays_open_to_tenants_that_used_it_and_an_archived_one_to_nobody() {
        for (String tenant : List.of("ml-lab", "qa", "app")) {
            assertThat(ModelAccess.refusal(model(), version(ModelState.DEPRECATED), tenant, true)).isEmpty();
            assertThat(ModelAccess.refusal(model(), version(ModelState.ARCHIVED), tenant, true))
                    .hasValueSatisfying(m -> assertThat(m).contains("archived"));
        }
        assertThat(ModelAccess.refusal(model(), version(ModelState.DEPRECATED), "app", false))
                .hasValueSatisfying(m -> assertThat(m).contains("`support-bot@2`").contains("no new users"));
    }

    @Test
    void refs_pin_a_version_follow_an_alias_or_take_the_newest_in_production() {
        ModelVersion v1 = version(ModelState.DEPRECATED);
        ModelVersion v2 = ModelVersion.newBuilder(version(ModelState.PRODUCTION)).setVersion(2).build();
        ModelVersion v3 = ModelVersion.newBuilder(version(ModelState.STAGING)).setVersion(3).build();
        ModelVersion v1fixed = ModelVersion.newBuilder(v1).setVersion(1).build();
        ModelRecord model = ModelRecord.newBuilder(model()).setVersions(List.of(v1fixed, v2, v3))
                .setAliases(Map.of("prod", 2, "canary", 3)).build();
        assertThat(ModelRefs.resolve(model, "support-bot").map(ModelVersion::getVersion)).contains(2);
        assertThat(ModelRefs.resolve(model, "support-bot@1").map(ModelVersion::getVersion)).contains(1);
        assertThat(ModelRefs.resolve(model, "support-bot@canary").map(ModelVersion::getVersion)).contains(3);
        assertThat(ModelRefs.resolve(model, "support-bot@prod").map(ModelVersion::getVersion)).contains(2);
        assertThat(ModelRefs.resolve(model, "support-bot@9")).isEmpty();
        assertThat(ModelRefs.resolve(model, "support-bot@nightly")).isEmpty();
        assertThat(ModelRefs.resolve(model, "support-bot@")).isEmpty();
        assertThat(ModelRefs.modelName("support-bot@prod")).isEqualTo("support-bot");
        assertThat(ModelRefs.modelName("support-bot")).isEqualTo("support-bot");
        ModelRecord noProduction = ModelRecord.newBuilder(model).setVersions(List.of(v1fixed, v3)).build();
        assertThat(ModelRefs.resolve(noProduction, "support-bot")).isEmpty();
    }

    private static void expect(ModelState state, boolean team, boolean reviewer, boolean other) {
        assertThat(ModelAccess.refusal(model(), version(state), "ml-lab", false).isEmpty()).as(state + " team")
                .isEqualTo(team);
        assertThat(ModelAccess.refusal(model(), version(state), "qa", false).isEmpty()).as(state + " reviewer")
                .isEqualTo(reviewer);
        assertThat(ModelAccess.refusal(model(), version(state), "app", false).isEmpty()).as(state + " other")
                .isEqualTo(other);
    }

    private static ModelRecord model() {
        return ModelRecord.newBuilder().setName("support-bot").setOwner("alice").setTeam("ml")
                .setTeamTenants(List.of("ml-lab")).setReviewTenants(List.of("qa")).setVersions(List.of())
                .setAliases(Map.of()).setCreatedAt(T0).setUpdatedAt(T0).build();
    }

    private static ModelVersion version(ModelState state) {
        return ModelVersion.newBuilder(ModelLifecycleTest.version(state)).setVersion(2).build();
    }
}
