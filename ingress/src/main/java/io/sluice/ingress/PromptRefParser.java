package io.sluice.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.avro.PromptRef;
import io.sluice.schemas.prompts.PromptException;
import io.sluice.schemas.prompts.PromptSpecs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the {@code prompt} of a chat request, Sluice's extension for published prompts:
 * {@code {"name", "version" | "label", "variables": {...}}}. Variable values are strings, numbers
 * or booleans (as written); whether the prompt, version, label and variables exist is the
 * gateway's decision, which renders it.
 */
final class PromptRefParser {
    static final String PARAM = "prompt";
    private static final int MAX_VARIABLES = 64;

    private PromptRefParser() {}

    static PromptRef parse(JsonNode node) {
        JsonValues.object(node, PARAM);
        String name = null;
        String version = null;
        String label = null;
        Map<String, String> variables = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String param = PARAM + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            switch (field.getKey()) {
                case "name" -> name = id(value, param, "prompt name");
                case "version" -> version = id(value, param, "version");
                case "label" -> label = id(value, param, "label");
                case "variables" -> variables = variables(value);
                default -> throw new ApiException(ApiError.unknownParameter(param));
            }
        }
        if (name == null) {
            throw MessagesParser.missing("prompt.name");
        }
        if (version != null && label != null) {
            throw new ApiException(ApiError.invalidValue(
                    "Set either 'prompt.version' or 'prompt.label', not both.", "prompt.version"));
        }
        return PromptRef.newBuilder().setName(name).setVersion(version).setLabel(label).setVariables(variables).build();
    }

    private static String id(JsonNode value, String param, String what) {
        String text = JsonValues.string(value, param);
        try {
            return PromptSpecs.requireId(text, param, what);
        } catch (PromptException e) {
            throw new ApiException(ApiError.invalidValue("Invalid value for '" + param + "': " + e.getMessage()
                    .substring(param.length() + 2) + ".", param));
        }
    }

    private static Map<String, String> variables(JsonNode value) {
        String param = PARAM + ".variables";
        JsonValues.object(value, param);
        if (value.size() > MAX_VARIABLES) {
            throw new ApiException(ApiError.invalidValue(
                    "Invalid value for '" + param + "': at most " + MAX_VARIABLES + " variables.", param));
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            JsonNode v = entry.getValue();
            if (!v.isValueNode() || v.isNull()) {
                throw new ApiException(ApiError.invalidType(param + "." + entry.getKey(),
                        "a string, a number or a boolean"));
            }
            variables.put(entry.getKey(), v.asText());
        }
        return variables;
    }
}
