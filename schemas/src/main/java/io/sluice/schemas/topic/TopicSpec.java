package io.sluice.schemas.topic;

import java.util.Map;

/** How a topic is created: its name, whether it is compacted, and extra topic configs. */
public record TopicSpec(String name, boolean compacted, Map<String, String> configs) {
    public TopicSpec {
        configs = Map.copyOf(configs);
    }

    public Map<String, String> effectiveConfigs() {
        if (!compacted) {
            return configs;
        }
        var all = new java.util.HashMap<>(configs);
        all.put("cleanup.policy", "compact");
        return Map.copyOf(all);
    }
}
