package io.sluice.processors.tiering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.AiRequest;
import io.sluice.processors.provider.TestRequests;
import io.sluice.processors.tiering.TieringRule.Choice;
import io.sluice.processors.tiering.TieringRule.Tier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tiering rule sends easy requests to the cheaper models and keeps hard ones on the requested model. */
class TieringRuleTest {
    private final TieringRule rule = new TieringRule("gpt-4o",
            List.of(new Tier(0.2, "gpt-4o-mini"), new Tier(0.5, "gpt-4o-medium")));

    private static AiRequest request(String text) {
        return TestRequests.request("r1", text).setModel("gpt-4o").build();
    }

    @Test
    void anEasyRequestGoesToTheFirstTier() {
        AiRequest request = request("What is the capital of France?");

        Choice choice = rule.choose(request);

        assertThat(choice.model()).isEqualTo("gpt-4o-mini");
        assertThat(choice.tiered()).isTrue();
        assertThat(choice.score()).isEqualTo(Complexity.score(request));
        assertThat(choice.reason()).matches("score 0\\.\\d\\d <= 0\\.20: length:\\d+.*");
    }

    @Test
    void aMiddlingRequestGoesToTheFirstTierItFits() {
        AiRequest request = request("Compare PostgreSQL and MySQL for a small web shop.");
        double value = Complexity.score(request).value();
        assertThat(value).as("given a score between the tiers").isGreaterThan(0.2).isLessThanOrEqualTo(0.5);

        Choice choice = rule.choose(request);

        assertThat(choice.model()).isEqualTo("gpt-4o-medium");
        assertThat(choice.reason()).contains("<= 0.50: ").contains("reasoning");
    }

    @Test
    void aHardRequestKeepsTheRequestedModel() {
        AiRequest request = request("Prove step by step that ∑ k = n(n+1)/2 for all n ≥ 1, then derive ∑ k².");

        Choice choice = rule.choose(request);

        assertThat(choice.model()).isEqualTo("gpt-4o");
        assertThat(choice.tiered()).isFalse();
        assertThat(choice.reason()).contains(" > 0.50: ").contains("reasoning", "multi_step", "math");
    }

    @Test
    void aScoreEqualToAThresholdFallsInThatTier() {
        AiRequest request = request("Why is the sky blue?");
        double value = Complexity.score(request).value();
        TieringRule exact = new TieringRule("gpt-4o", List.of(new Tier(value, "cheap")));
        TieringRule below = new TieringRule("gpt-4o", List.of(new Tier(Math.max(0, value - 0.01), "cheap")));

        assertThat(exact.choose(request).model()).isEqualTo("cheap");
        assertThat(below.choose(request).model()).isEqualTo("gpt-4o");
    }

    @Test
    void theTiersAreCopied() {
        List<Tier> tiers = new ArrayList<>(List.of(new Tier(0.3, "mini")));
        TieringRule copied = new TieringRule("gpt-4o", tiers);

        tiers.clear();

        assertThat(copied.tiers()).containsExactly(new Tier(0.3, "mini"));
    }

    @Test
    void invalidRulesAreRefusedNamingTheConfigPath() {
        assertRefused(List.of(), "models[name=gpt-4o].tiering.tiers must name at least one tier");
        assertRefused(null, "models[name=gpt-4o].tiering.tiers must name at least one tier");
        assertRefused(List.of(new Tier(1.5, "mini")), "models[name=gpt-4o].tiering.tiers[0].max-score must be in [0, 1]");
        assertRefused(List.of(new Tier(-0.1, "mini")), "models[name=gpt-4o].tiering.tiers[0].max-score must be in [0, 1]");
        assertRefused(List.of(new Tier(Double.NaN, "mini")), "models[name=gpt-4o].tiering.tiers[0].max-score");
        assertRefused(List.of(new Tier(0.3, " ")), "models[name=gpt-4o].tiering.tiers[0].model must not be blank");
        assertRefused(List.of(new Tier(0.3, "mini"), new Tier(0.2, "small")),
                "models[name=gpt-4o].tiering.tiers[1].max-score must be greater than the tier before it (0.30)");
        assertRefused(List.of(new Tier(0.3, "mini"), new Tier(0.3, "small")),
                "models[name=gpt-4o].tiering.tiers[1].max-score must be greater");
        assertRefused(List.of(new Tier(0.3, "mini"), new Tier(0.6, null)),
                "models[name=gpt-4o].tiering.tiers[1].model must not be blank");
    }

    @Test
    void aRuleNeedsItsModelName() {
        assertThatThrownBy(() -> new TieringRule(" ", List.of(new Tier(0.3, "mini"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("models[].name");
    }

    private static void assertRefused(List<Tier> tiers, String message) {
        assertThatThrownBy(() -> new TieringRule("gpt-4o", tiers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
