package io.sluice.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code messages} array of a chat request: roles, text content (a string, or text parts
 * joined with newlines) and names. Tool calls and non-text parts are refused as not supported yet.
 */
final class MessagesParser {
    private static final String PARAM = "messages";
    private static final Set<String> UNSUPPORTED_MESSAGE_FIELDS =
            Set.of("tool_calls", "tool_call_id", "function_call", "audio", "refusal");
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    private MessagesParser() {
    }

    static List<ChatMessage> parse(JsonNode node) {
        JsonValues.array(node, PARAM);
        if (node.isEmpty()) {
            throw new ApiException(ApiError.invalidValue(
                    "Invalid value for 'messages': at least one message is required.", PARAM));
        }
        List<ChatMessage> messages = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            messages.add(message(node.get(i), PARAM + "[" + i + "]"));
        }
        return messages;
    }

    private static ChatMessage message(JsonNode node, String param) {
        JsonValues.object(node, param);
        Role role = null;
        String content = null;
        String name = null;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String fieldParam = param + "." + field.getKey();
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "role" -> role = role(value, fieldParam);
                case "content" -> content = value.isNull() ? null : content(value, fieldParam);
                case "name" -> name = value.isNull() ? null : JsonValues.string(value, fieldParam);
                default -> {
                    if (value.isNull()) {
                        continue;
                    }
                    throw new ApiException(UNSUPPORTED_MESSAGE_FIELDS.contains(field.getKey())
                            ? ApiError.unsupportedParameter(fieldParam)
                            : ApiError.unknownParameter(fieldParam));
                }
            }
        }
        if (role == null) {
            throw missing(param + ".role");
        }
        if (content == null) {
            throw missing(param + ".content");
        }
        return ChatMessage.newBuilder().setRole(role).setContent(content).setName(name).build();
    }

    private static Role role(JsonNode node, String param) {
        String role = JsonValues.string(node, param);
        if (!ROLES.contains(role)) {
            throw new ApiException(ApiError.invalidValue("Invalid value for '" + param
                    + "': must be one of system, developer, user, assistant, tool.", param));
        }
        return Role.valueOf(role.toUpperCase(Locale.ROOT));
    }

    private static String content(JsonNode node, String param) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (!node.isArray()) {
            throw new ApiException(ApiError.invalidType(param, "a string or an array of content parts"));
        }
        if (node.isEmpty()) {
            throw new ApiException(ApiError.invalidValue(
                    "Invalid value for '" + param + "': at least one content part is required.", param));
        }
        var joined = new StringBuilder();
        for (int i = 0; i < node.size(); i++) {
            if (i > 0) {
                joined.append('\n');
            }
            joined.append(textPart(node.get(i), param + "[" + i + "]"));
        }
        return joined.toString();
    }

    private static String textPart(JsonNode node, String param) {
        JsonValues.object(node, param);
        JsonNode type = node.get("type");
        if (type == null || type.isNull()) {
            throw missing(param + ".type");
        }
        String typeName = JsonValues.string(type, param + ".type");
        if (!"text".equals(typeName)) {
            throw new ApiException(ApiError.invalidRequest("Content parts of type '"
                    + (typeName.length() > 32 ? typeName.substring(0, 32) + "..." : typeName)
                    + "' are not supported yet.", param + ".type", ApiError.UNSUPPORTED_PARAMETER));
        }
        String text = null;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if ("text".equals(name)) {
                text = JsonValues.string(field.getValue(), param + ".text");
            } else if (!"type".equals(name)) {
                throw new ApiException(ApiError.unknownParameter(param + "." + name));
            }
        }
        if (text == null) {
            throw missing(param + ".text");
        }
        return text;
    }

    static ApiException missing(String param) {
        return new ApiException(ApiError.invalidRequest(
                "Missing required parameter: '" + param + "'.", param, "missing_required_parameter"));
    }
}
