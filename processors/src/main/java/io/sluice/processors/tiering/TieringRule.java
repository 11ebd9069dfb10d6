package io.sluice.processors.tiering;

import io.sluice.avro.AiRequest;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A configured model's tiering ({@code models[name=X].tiering}): requests whose
 * {@linkplain Complexity complexity} is at most a tier's threshold go to that tier's (cheaper)
 * model, the first matching tier winning; harder requests keep the model they asked for.
 * Validated on construction; messages name the configuration path.
 *
 * @param model the configured model the rule belongs to, which requests above every tier keep
 * @param tiers at least one, thresholds strictly ascending in [0, 1]
 */
public record TieringRule(String model, List<Tier> tiers) {
    public TieringRule {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("models[].name must not be blank for a tiering rule");
        }
        String path = "models[name=" + model + "].tiering";
        if (tiers == null || tiers.isEmpty()) {
            throw new IllegalArgumentException(path + ".tiers must name at least one tier");
        }
        tiers = List.copyOf(tiers);
        for (int i = 0; i < tiers.size(); i++) {
            Tier tier = tiers.get(i);
            String at = path + ".tiers[" + i + "]";
            if (!(tier.maxScore() >= 0 && tier.maxScore() <= 1)) {
                throw new IllegalArgumentException(at + ".max-score must be in [0, 1], not " + tier.maxScore());
            }
            if (tier.model() == null || tier.model().isBlank()) {
                throw new IllegalArgumentException(at + ".model must not be blank");
            }
            if (i > 0 && tier.maxScore() <= tiers.get(i - 1).maxScore()) {
                throw new IllegalArgumentException(at + ".max-score must be greater than the tier before it ("
                        + format(tiers.get(i - 1).maxScore()) + "): thresholds ascend");
            }
        }
    }

    /**
     * One tier: requests scoring at most {@code maxScore} go to {@code model}.
     *
     * @param maxScore in [0, 1], inclusive
     * @param model    a configured model name
     */
    public record Tier(double maxScore, String model) {}

    /**
     * What the rule chose for one request.
     *
     * @param model  the model to route to: a tier's model, or the rule's own
     * @param tiered true when a tier matched (the model may still equal the rule's)
     * @param score  the request's complexity
     * @param reason for the audit trail, e.g. {@code score 0.12 <= 0.30: length:40}
     */
    public record Choice(String model, boolean tiered, Complexity.Score score, String reason) {
        public Choice {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(score, "score");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Scores the request and picks the first tier whose threshold it does not exceed. */
    public Choice choose(AiRequest request) {
        Complexity.Score score = Complexity.score(request);
        for (Tier tier : tiers) {
            if (score.value() <= tier.maxScore()) {
                return new Choice(tier.model(), true, score, explain(score, "<=", tier.maxScore()));
            }
        }
        double highest = tiers.get(tiers.size() - 1).maxScore();
        return new Choice(model, false, score, explain(score, ">", highest));
    }

    private static String explain(Complexity.Score score, String comparison, double threshold) {
        return "score " + format(score.value()) + " " + comparison + " " + format(threshold) + ": " + score.reasonText();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
