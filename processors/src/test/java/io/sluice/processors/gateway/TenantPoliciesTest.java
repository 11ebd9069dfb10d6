package io.sluice.processors.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.processors.sanitize.pii.MaskStyle;
import io.sluice.processors.sanitize.SanitizePolicy;
import io.sluice.processors.sanitize.SanitizePolicy.Action;
import io.sluice.processors.sanitize.SanitizePolicy.PiiRule;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantPoliciesTest {

    @Test
    void aPolicysFingerprintDependsOnItsSettingsNotOnTheOrderOfItsSets() {
        var forward = new LinkedHashSet<>(List.of("EMAIL", "IBAN", "PHONE", "SSN"));
        var backward = new LinkedHashSet<>(List.of("SSN", "PHONE", "IBAN", "EMAIL"));

        assertThat(TenantPolicies.fingerprint(policy(forward, Action.MASK)))
                .isEqualTo(TenantPolicies.fingerprint(policy(backward, Action.MASK)))
                .isNotEqualTo(TenantPolicies.fingerprint(policy(forward, Action.FLAG)))
                .isNotEqualTo(TenantPolicies.fingerprint(policy(Set.of("EMAIL"), Action.MASK)));
    }

    private static SanitizePolicy policy(Set<String> types, Action pii) {
        SanitizePolicy standard = SanitizePolicy.standard(0.5);
        return new SanitizePolicy(standard.injection(), new PiiRule(pii, MaskStyle.PSEUDONYM, types, false),
                standard.secrets(), standard.output(), standard.limits(), standard.deny(), false);
    }
}
