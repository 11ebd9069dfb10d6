package io.sluice.schemas.models;

import io.sluice.avro.ApprovalRole;
import io.sluice.avro.ModelApproval;
import io.sluice.avro.ModelState;
import io.sluice.avro.ModelVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of a registry model version and its approval workflow.
 *
 * <pre>
 * from         to            requires
 * DEVELOPMENT  STAGING       -
 * STAGING      APPROVED      approvals ML, SECURITY and LEGAL
 * STAGING      DEVELOPMENT   - (sent back: its approvals are cleared, they approved what is being changed)
 * APPROVED     PRODUCTION    approval DEPLOY
 * PRODUCTION   DEPRECATED    -
 * DEPRECATED   PRODUCTION    - (a deprecation taken back; the DEPLOY approval still stands)
 * DEPRECATED   ARCHIVED      -
 * ARCHIVED     -             (final: kept for the record, never served)
 * </pre>
 *
 * Approvals are recorded in the workflow's order, each once: ML, SECURITY and LEGAL while the
 * version is in STAGING, DEPLOY once it is APPROVED. There is no way back from APPROVED, PRODUCTION
 * or ARCHIVED to an earlier state: a changed model is a new version.
 */
public final class ModelLifecycle {
    private static final Map<ModelState, Set<ModelState>> MOVES = new EnumMap<>(ModelState.class);

    static {
        MOVES.put(ModelState.DEVELOPMENT, EnumSet.of(ModelState.STAGING));
        MOVES.put(ModelState.STAGING, EnumSet.of(ModelState.APPROVED, ModelState.DEVELOPMENT));
        MOVES.put(ModelState.APPROVED, EnumSet.of(ModelState.PRODUCTION));
        MOVES.put(ModelState.PRODUCTION, EnumSet.of(ModelState.DEPRECATED));
        MOVES.put(ModelState.DEPRECATED, EnumSet.of(ModelState.PRODUCTION, ModelState.ARCHIVED));
        MOVES.put(ModelState.ARCHIVED, EnumSet.noneOf(ModelState.class));
    }

    private static final Set<ApprovalRole> FOR_APPROVED = EnumSet.of(ApprovalRole.ML, ApprovalRole.SECURITY,
            ApprovalRole.LEGAL);

    private ModelLifecycle() {}

    /** The states a version in {@code state} may move to. */
    public static Set<ModelState> next(ModelState state) {
        return Collections.unmodifiableSet(MOVES.get(state));
    }

    /**
     * The version moved to {@code to} at {@code now}.
     *
     * @throws LifecycleException {@code invalid_transition} for a move the table does not have,
     *     {@code approval_required} when approvals it needs are missing
     */
    public static ModelVersion transition(ModelVersion version, ModelState to, Instant now) {
        ModelState from = version.getState();
        if (!MOVES.get(from).contains(to)) {
            throw new LifecycleException("invalid_transition", "Version " + version.getVersion() + " is " + from
                    + "; it can move to " + (MOVES.get(from).isEmpty() ? "no other state" : MOVES.get(from)) + ", not "
                    + to + ".");
        }
        Set<ApprovalRole> missing = EnumSet.noneOf(ApprovalRole.class);
        if (to == ModelState.APPROVED) {
            missing.addAll(FOR_APPROVED);
        } else if (from == ModelState.APPROVED && to == ModelState.PRODUCTION) {
            missing.add(ApprovalRole.DEPLOY);
        }
        missing.removeAll(approved(version));
        if (!missing.isEmpty()) {
            throw new LifecycleException("approval_required", "Version " + version.getVersion() + " needs the "
                    + missing + " approval" + (missing.size() > 1 ? "s" : "") + " before " + to + ".");
        }
        var moved = ModelVersion.newBuilder(version).setState(to).setStateChangedAt(now);
        if (to == ModelState.DEVELOPMENT) {
            moved.setApprovals(List.of());
        }
        return moved.build();
    }

    /**
     * The version with {@code approval} recorded.
     *
     * @throws LifecycleException {@code invalid_approval} for a step out of order, given twice, or
     *     in a state where it is not given
     */
    public static ModelVersion approve(ModelVersion version, ModelApproval approval) {
        ApprovalRole role = approval.getRole();
        Set<ApprovalRole> done = approved(version);
        if (done.contains(role)) {
            throw new LifecycleException("invalid_approval", "Version " + version.getVersion() + " already has the "
                    + role + " approval.");
        }
        ModelState needed = role == ApprovalRole.DEPLOY ? ModelState.APPROVED : ModelState.STAGING;
        if (version.getState() != needed) {
            throw new LifecycleException("invalid_approval", "The " + role + " approval is given to a " + needed
                    + " version; version " + version.getVersion() + " is " + version.getState() + ".");
        }
        for (ApprovalRole earlier : ApprovalRole.values()) {
            if (earlier == role) {
                break;
            }
            if (!done.contains(earlier)) {
                throw new LifecycleException("invalid_approval", "The " + role + " approval comes after the "
                        + earlier + " approval, which version " + version.getVersion() + " does not have yet.");
            }
        }
        List<ModelApproval> approvals = new ArrayList<>(version.getApprovals());
        approvals.add(approval);
        return ModelVersion.newBuilder(version).setApprovals(approvals).build();
    }

    /** The roles that approved {@code version}. */
    public static Set<ApprovalRole> approved(ModelVersion version) {
        Set<ApprovalRole> roles = EnumSet.noneOf(ApprovalRole.class);
        version.getApprovals().forEach(a -> roles.add(a.getRole()));
        return roles;
    }
}
