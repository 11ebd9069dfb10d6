package io.sluice.schemas.models;

import io.sluice.avro.ModelRecord;
import io.sluice.avro.ModelVersion;
import java.util.Optional;

/**
 * Who may call a registry version, by its state: DEVELOPMENT only the model's team tenants;
 * STAGING those and its review (QA, stakeholder) tenants; APPROVED and PRODUCTION every tenant;
 * DEPRECATED only tenants that were served the version before (so nobody new starts on it);
 * ARCHIVED nobody.
 */
public final class ModelAccess {
    private ModelAccess() {}

    /**
     * Why {@code tenant} may not call {@code version} of {@code model}, or empty if it may.
     *
     * @param usedBefore whether the tenant was served this version before
     */
    public static Optional<String> refusal(ModelRecord model, ModelVersion version, String tenant, boolean usedBefore) {
        String named = "`" + model.getName() + "@" + version.getVersion() + "`";
        boolean team = model.getTeamTenants().contains(tenant);
        return switch (version.getState()) {
            case DEVELOPMENT -> team ? Optional.empty()
                    : Optional.of("The model " + named + " is in development and open only to its team's tenants.");
            case STAGING -> team || model.getReviewTenants().contains(tenant) ? Optional.empty()
                    : Optional.of("The model " + named + " is in staging and open only to its team and reviewers.");
            case APPROVED, PRODUCTION -> Optional.empty();
            case DEPRECATED -> usedBefore ? Optional.empty()
                    : Optional.of("The model " + named + " is deprecated and takes no new users.");
            case ARCHIVED -> Optional.of("The model " + named + " is archived.");
        };
    }
}
