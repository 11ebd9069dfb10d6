package io.sluice.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** What the registry client and server share of the Confluent REST API's JSON shapes. */
final class RegistryJson {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private RegistryJson() {
    }

    /** The registry's error shape: {@code {"error_code": n, "message": "..."}}. */
    /** A registered schema as the registry's REST API shows it and its Kafka log stores it. */
    static ObjectNode registered(InMemorySchemaStore.Registered registered) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("subject", registered.subject());
        node.put("version", registered.version());
        node.put("id", registered.id());
        node.put("schema", registered.schema().toString());
        return node;
    }

    static ObjectNode error(int errorCode, String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("error_code", errorCode);
        node.put("message", message);
        return node;
    }

    /** A JSON object read from bytes, or a {@link SchemaRegistryException} with {@code errorCode}. */
    static JsonNode readTree(byte[] body, int errorCode) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new SchemaRegistryException(errorCode, "empty JSON body");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException(errorCode, "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SchemaRegistryException(errorCode, "unreadable JSON: " + e.getMessage(), e);
        }
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Percent-encodes one path segment (a subject may hold any character, even '/'). */
    static String encodeSegment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Decodes one raw path segment; '+' stays '+' as it does in a path. */
    static String decodeSegment(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
