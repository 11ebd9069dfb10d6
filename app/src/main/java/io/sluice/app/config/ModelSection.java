package io.sluice.app.config;

import java.util.List;

/**
 * A model name clients use: served by one {@code deployment}, or by several {@code deployments}
 * sharing the load by weight; then, when none answers, by its {@code fallbacks} in order.
 *
 * @param upstreamModel the provider's name of the model when one deployment serves it; default the name
 * @param aliases       other names clients may use for it
 * @param price         its list price on every deployment that does not set its own; absent: free
 * @param tiering       simple prompts go to cheaper models: {@code tiers: [{max-score, model}]}
 */
public record ModelSection(
        String name,
        String deployment,
        String upstreamModel,
        List<ModelTarget> deployments,
        List<String> fallbacks,
        List<String> aliases,
        FinopsSection.PriceSection price,
        TieringSection tiering) {
    public ModelSection {
        SluiceConfig.requireName("models[].name", name);
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        if ((deployment == null) == deployments.isEmpty()) {
            throw new ConfigException("models[name=" + name + "]: give exactly one of deployment or deployments");
        }
        if (deployment != null) {
            SluiceConfig.requireName("models[name=" + name + "].deployment", deployment);
        }
        upstreamModel = upstreamModel == null ? name : upstreamModel;
        SluiceConfig.requireUpstreamModel("models[name=" + name + "].upstream-model", upstreamModel);
    }

    /** A model served by one deployment. */
    public ModelSection(String name, String deployment, String upstreamModel) {
        this(name, deployment, upstreamModel, null, null, null, null, null);
    }

    /** The deployments that serve this model, with the provider's model name for each. */
    public List<ModelTarget> targets() {
        if (deployment != null) {
            return List.of(new ModelTarget(deployment, upstreamModel, 1, price));
        }
        return deployments.stream()
                .map(t -> new ModelTarget(t.deployment(), t.upstreamModel() == null ? name : t.upstreamModel(),
                        t.weight(), t.price() == null ? price : t.price()))
                .toList();
    }

    /** One deployment serving a model, with its share of the load and, if it differs there, its price. */
    public record ModelTarget(String deployment, String upstreamModel, Integer weight,
            FinopsSection.PriceSection price) {
        public ModelTarget {
            SluiceConfig.requireName("models[].deployments[].deployment", deployment);
            if (upstreamModel != null) {
                SluiceConfig.requireUpstreamModel("models[].deployments[deployment=" + deployment + "].upstream-model", upstreamModel);
            }
            weight = weight == null ? 1 : weight;
            if (weight < 1) {
                throw new ConfigException("models[].deployments[deployment=" + deployment + "].weight must be at least 1");
            }
        }
    }

    /** {@code models[].tiering}: the first tier whose {@code max-score} the prompt's complexity does not exceed. */
    public record TieringSection(List<TierSection> tiers) {
        public TieringSection {
            tiers = tiers == null ? List.of() : List.copyOf(tiers);
        }
    }

    /** One tier: prompts scoring at most {@code maxScore} (0..1) go to {@code model}. */
    public record TierSection(Double maxScore, String model) {}
}
