package io.sluice.processors.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON mapper of the {@code bedrock} provider (thread-safe once configured, and never reconfigured). */
final class BedrockJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private BedrockJson() {}

    /** A scalar field as text, or {@code fallback} when it is absent, null or not a scalar. */
    static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? fallback : value.asText();
    }
}
