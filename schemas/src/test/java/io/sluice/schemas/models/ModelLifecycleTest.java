package io.sluice.schemas.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.ApprovalRole;
import io.sluice.avro.ModelApproval;
import io.sluice.avro.ModelState;
import io.sluice.avro.ModelVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelLifecycleTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    /** Every move the lifecycle allows, with the approvals it needs; everything else is refused. */
    private static final Map<ModelState, Set<ModelState>> ALLOWED = Map.of(
            ModelState.DEVELOPMENT, EnumSet.of(ModelState.STAGING),
            ModelState.STAGING, EnumSet.of(ModelState.APPROVED, ModelState.DEVELOPMENT),
            ModelState.APPROVED, EnumSet.of(ModelState.PRODUCTION),
            ModelState.PRODUCTION, EnumSet.of(ModelState.DEPRECATED),
            ModelState.DEPRECATED, EnumSet.of(ModelState.PRODUCTION, ModelState.ARCHIVED),
            ModelState.ARCHIVED, EnumSet.noneOf(ModelState.class));

    @Test
    void every_allowed_move_succeeds_with_all_approvals_and_stamps_the_time() {
        for (ModelState from : ModelState.values()) {
            for (ModelState to : ALLOWED.get(from)) {
                ModelVersion moved = ModelLifecycle.transition(version(from, ApprovalRole.values()), to, T1);
                assertThat(moved.getState()).as(from + " -> " + to).isEqualTo(to);
                assertThat(moved.getStateChangedAt()).isEqualTo(T1);
            }
        }
    }

    @Test
    void every_other_move_is_refused_as_an_invalid_transition_whatever_the_approvals() {
        int refused = 0;
        for (ModelState from : ModelState.values()) {
            for (ModelState to : ModelState.values()) {
                if (ALLOWED.get(from).contains(to)) {
                    continue;
                }
                assertThatThrownBy(() -> ModelLifecycle.transition(version(from, ApprovalRole.values()), to, T1))
                        .as(from + " -> " + to)
                        .isInstanceOf(LifecycleException.class)
                        .satisfies(e -> assertThat(((LifecycleException) e).code()).isEqualTo("invalid_transition"))
                        .hasMessageContaining(from.name()).hasMessageContaining(to.name());
                refused++;
            }
        }
        assertThat(refused).isEqualTo(36 - 7);
    }

    @Test
    void the_table_the_class_publishes_is_the_one_tested() {
        for (ModelState state : ModelState.values()) {
            assertThat(ModelLifecycle.next(state)).as(state.name()).isEqualTo(ALLOWED.get(state));
        }
    }

    @Test
    void approved_needs_ml_security_and_legal_each_missing_one_is_named() {
        for (ApprovalRole missing : List.of(ApprovalRole.ML, ApprovalRole.SECURITY, ApprovalRole.LEGAL)) {
            List<ApprovalRole> given = new ArrayList<>(List.of(ApprovalRole.ML, ApprovalRole.SECURITY, ApprovalRole.LEGAL));
            given.remove(missing);
            ModelVersion staging = version(ModelState.STAGING, given.toArray(ApprovalRole[]::new));
            assertThatThrownBy(() -> ModelLifecycle.transition(staging, ModelState.APPROVED, T1))
                    .isInstanceOf(LifecycleException.class)
                    .satisfies(e -> assertThat(((LifecycleException) e).code()).isEqualTo("approval_required"))
                    .hasMessageContaining(missing.name());
        }
        assertThatThrownBy(() -> ModelLifecycle.transition(version(ModelState.STAGING), ModelState.APPROVED, T1))
                .hasMessageContaining("ML").hasMessageContaining("SECURITY").hasMessageContaining("LEGAL");
    }

    @Test
    void production_needs_the_deploy_approval() {
        ModelVersion approved = version(ModelState.APPROVED, ApprovalRole.ML, ApprovalRole.SECURITY, ApprovalRole.LEGAL);
        assertThatThrownBy(() -> ModelLifecycle.transition(approved, ModelState.PRODUCTION, T1))
                .isInstanceOf(LifecycleException.class)
                .satisfies(e -> assertThat(((LifecycleException) e).code()).isEqualTo("approval_required"))
                .hasMessageContaining("DEPLOY");
        ModelVersion deployed = ModelLifecycle.approve(approved, approval(ApprovalRole.DEPLOY));
        assertThat(ModelLifecycle.transition(deployed, ModelState.PRODUCTION, T1).getState())
                .isEqualTo(ModelState.PRODUCTION);
    }

    @Test
    void moves_without_approval_requirements_need_none() {
        assertThat(ModelLifecycle.transition(version(ModelState.DEVELOPMENT), ModelState.STAGING, T1).getState())
                .isEqualTo(ModelState.STAGING);
        assertThat(ModelLifecycle.transition(version(ModelState.STAGING), ModelState.DEVELOPMENT, T1).getState())
                .isEqualTo(ModelState.DEVELOPMENT);
        assertThat(ModelLifecycle.transition(version(ModelState.PRODUCTION), ModelState.DEPRECATED, T1).getState())
                .isEqualTo(ModelState.DEPRECATED);
        assertThat(ModelLifecycle.transition(version(ModelState.DEPRECATED), ModelState.ARCHIVED, T1).getState())
                .isEqualTo(ModelState.ARCHIVED);
        assertThat(ModelLifecycle.transition(version(ModelState.DEPRECATED), ModelState.PRODUCTION, T1).getState())
                .isEqualTo(ModelState.PRODUCTION);
    }

    @Test
    void sending_a_version_back_to_development_clears_its_approvals_and_other_moves_keep_them() {
        ModelVersion staging = version(ModelState.STAGING, ApprovalRole.ML, ApprovalRole.SECURITY);
        assertThat(ModelLifecycle.transition(staging, ModelState.DEVELOPMENT, T1).getApprovals()).isEmpty();
        ModelVersion production = version(ModelState.PRODUCTION, ApprovalRole.values());
        assertThat(ModelLifecycle.transition(production, ModelState.DEPRECATED, T1).getApprovals()).hasSize(4);
    }

    @Test
    void the_full_workflow_records_each_step_with_role_approver_and_admin_key() {
        ModelVersion v = ModelLifecycle.transition(version(ModelState.DEVELOPMENT), ModelState.STAGING, T1);
        v = ModelLifecycle.approve(v, approval(ApprovalRole.ML));
        v = ModelLifecycle.approve(v, approval(ApprovalRole.SECURITY));
        v = ModelLifecycle.approve(v, approval(ApprovalRole.LEGAL));
        v = ModelLifecycle.transition(v, ModelState.APPROVED, T1);
        v = ModelLifecycle.approve(v, approval(ApprovalRole.DEPLOY));
        v = ModelLifecycle.transition(v, ModelState.PRODUCTION, T1);
        assertThat(v.getState()).isEqualTo(ModelState.PRODUCTION);
        assertThat(v.getApprovals()).extracting(ModelApproval::getRole).containsExactly(ApprovalRole.values());
        assertThat(v.getApprovals()).allSatisfy(a -> {
            assertThat(a.getApprover()).isEqualTo("alice-" + a.getRole());
            assertThat(a.getAdminKeyId()).isEqualTo("ops");
        });
    }

    @Test
    void approvals_out_of_order_are_refused_naming_the_missing_step() {
        assertThatThrownBy(() -> ModelLifecycle.approve(version(ModelState.STAGING), approval(ApprovalRole.SECURITY)))
                .isInstanceOf(LifecycleException.class).hasMessageContaining("after the ML");
        assertThatThrownBy(() -> ModelLifecycle.approve(version(ModelState.STAGING, ApprovalRole.ML),
                approval(ApprovalRole.LEGAL))).hasMessageContaining("after the SECURITY");
        ModelVersion approvedWithoutLegal = version(ModelState.APPROVED, ApprovalRole.ML, ApprovalRole.SECURITY);
        assertThatThrownBy(() -> ModelLifecycle.approve(approvedWithoutLegal, approval(ApprovalRole.DEPLOY)))
                .hasMessageContaining("after the LEGAL");
    }

    @Test
    void an_approval_given_twice_is_refused() {
        ModelVersion staging = version(ModelState.STAGING, ApprovalRole.ML);
        assertThatThrownBy(() -> ModelLifecycle.approve(staging, approval(ApprovalRole.ML)))
                .isInstanceOf(LifecycleException.class)
                .satisfies(e -> assertThat(((LifecycleException) e).code()).isEqualTo("invalid_approval"))
                .hasMessageContaining("already has");
    }

    @Test
    void each_step_is_given_only_in_its_state() {
        for (ModelState state : ModelState.values()) {
            for (ApprovalRole role : ApprovalRole.values()) {
                ApprovalRole[] earlier = java.util.Arrays.copyOf(ApprovalRole.values(), role.ordinal());
                ModelVersion v = version(state, earlier);
                boolean allowed = role == ApprovalRole.DEPLOY ? state == ModelState.APPROVED : state == ModelState.STAGING;
                if (allowed) {
                    assertThat(ModelLifecycle.approve(v, approval(role)).getApprovals()).as(state + " " + role)
                            .hasSize(earlier.length + 1);
                } else {
                    assertThatThrownBy(() -> ModelLifecycle.approve(v, approval(role))).as(state + " " + role)
                            .isInstanceOf(LifecycleException.class)
                            .satisfies(e -> assertThat(((LifecycleException) e).code()).isEqualTo("invalid_approval"));
                }
            }
        }
    }

    @Test
    void a_move_leaves_what_the_version_is_untouched() {
        ModelVersion v = version(ModelState.DEVELOPMENT);
        ModelVersion moved = ModelLifecycle.transition(v, ModelState.STAGING, T1);
        assertThat(moved.getServedBy()).isEqualTo(v.getServedBy());
        assertThat(moved.getLineage()).isEqualTo(v.getLineage());
        assertThat(moved.getMetrics()).isEqualTo(v.getMetrics());
        assertThat(moved.getOwner()).isEqualTo(v.getOwner());
        assertThat(moved.getCreatedAt()).isEqualTo(T0);
        assertThat(v.getState()).isEqualTo(ModelState.DEVELOPMENT);
    }

    static ModelVersion version(ModelState state, ApprovalRole... approvals) {
        return ModelVersion.newBuilder().setVersion(1).setServedBy("mock-echo").setOwner("alice").setTeam("ml")
                .setLineage(List.of("s3://data/support-2026")).setMetrics(Map.of("accuracy", 0.91)).setState(state)
                .setApprovals(java.util.Arrays.stream(approvals).map(ModelLifecycleTest::approval).toList())
                .setCreatedAt(T0).setStateChangedAt(T0).build();
    }

    static ModelApproval approval(ApprovalRole role) {
        return ModelApproval.newBuilder().setRole(role).setApprover("alice-" + role).setAdminKeyId("ops")
                .setApprovedAt(T0).build();
    }
}
