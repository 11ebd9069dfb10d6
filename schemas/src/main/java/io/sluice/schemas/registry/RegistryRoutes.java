package io.sluice.schemas.registry;

import static io.sluice.schemas.registry.SchemaRegistryException.INVALID_SCHEMA;
import static io.sluice.schemas.registry.SchemaRegistryException.INVALID_VERSION;
import static io.sluice.schemas.registry.SchemaRegistryException.SCHEMA_NOT_FOUND;
import static io.sluice.schemas.registry.SchemaRegistryException.SUBJECT_NOT_FOUND;
import static io.sluice.schemas.registry.SchemaRegistryException.VERSION_NOT_FOUND;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.schemas.registry.InMemorySchemaStore.Registered;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * The Confluent Schema Registry REST API over an {@link InMemorySchemaStore}, as a function from
 * (method, path, body) to a {@link Reply}; the HTTP server only moves bytes. Failures are thrown as
 * {@link SchemaRegistryException} and turned into the registry's error shape by {@link Reply#of}.
 */
final class RegistryRoutes {
    static final String COMPATIBILITY_LEVEL = "BACKWARD";
    private static final int BAD_REQUEST = 400;
    private static final int NOT_FOUND = 404;
    private static final int METHOD_NOT_ALLOWED = 405;

    /** An HTTP status and the JSON body that goes with it. */
    record Reply(int status, Object body) {
        static Reply ok(Object body) {
            return new Reply(200, body);
        }

        static Reply of(SchemaRegistryException e) {
            return new Reply(e.httpStatus(), RegistryJson.error(e.errorCode(), e.getMessage()));
        }
    }

    private final InMemorySchemaStore store;

    RegistryRoutes(InMemorySchemaStore store) {
        this.store = store;
    }

    /** Answers one request; {@code rawPath} is still percent-encoded. */
    Reply handle(String method, String rawPath, byte[] body) {
        try {
            return route(method, segments(rawPath), body);
        } catch (SchemaRegistryException e) {
            return Reply.of(e);
        }
    }

    private Reply route(String method, List<String> path, byte[] body) {
        String first = path.isEmpty() ? "" : path.get(0);
        int size = path.size();
        if (size == 0) {
            return only("GET", method, () -> Reply.ok(Map.of()));
        }
        if (size == 1 && first.equals("config")) {
            return only("GET", method, () -> Reply.ok(Map.of("compatibilityLevel", COMPATIBILITY_LEVEL)));
        }
        if (size == 2 && first.equals("schemas") && path.get(1).equals("types")) {
            return only("GET", method, () -> Reply.ok(List.of("AVRO")));
        }
        if (size == 3 && first.equals("schemas") && path.get(1).equals("ids")) {
            return only("GET", method, () -> schemaById(path.get(2)));
        }
        if (first.equals("subjects")) {
            return subjects(method, path, body);
        }
        if (size == 5 && first.equals("compatibility") && path.get(1).equals("subjects")
                && path.get(3).equals("versions")) {
            return only("POST", method, () -> compatibility(path.get(2), path.get(4), body));
        }
        throw new SchemaRegistryException(NOT_FOUND, "HTTP 404 Not Found");
    }

    private Reply subjects(String method, List<String> path, byte[] body) {
        switch (path.size()) {
            case 1:
                return only("GET", method, () -> Reply.ok(store.subjects()));
            case 2:
                return only("POST", method, () -> lookup(path.get(1), body));
            case 3:
                if (!path.get(2).equals("versions")) {
                    break;
                }
                if (method.equals("POST")) {
                    return register(path.get(1), body);
                }
                return only("GET", method, () -> Reply.ok(versionsOf(path.get(1))));
            case 4:
                if (!path.get(2).equals("versions")) {
                    break;
                }
                return only("GET", method, () -> Reply.ok(RegistryJson.registered(version(path.get(1), path.get(3)))));
            default:
                break;
        }
        throw new SchemaRegistryException(NOT_FOUND, "HTTP 404 Not Found");
    }

    private Reply schemaById(String rawId) {
        int id;
        try {
            id = Integer.parseInt(rawId);
        } catch (NumberFormatException e) {
            throw new SchemaRegistryException(SCHEMA_NOT_FOUND, "Schema " + rawId + " not found");
        }
        return Reply.ok(Map.of("schema", store.schemaById(id).toString()));
    }

    private Reply register(String subject, byte[] body) {
        Registered registered = store.registerVersion(subject, parseSchemaRequest(body));
        return Reply.ok(Map.of("id", registered.id()));
    }

    private Reply lookup(String subject, byte[] body) {
        Schema schema = parseSchemaRequest(body);
        requireSubject(subject);
        Registered registered = store.lookup(subject, schema)
                .orElseThrow(() -> new SchemaRegistryException(SCHEMA_NOT_FOUND, "Schema not found"));
        return Reply.ok(RegistryJson.registered(registered));
    }

    private Reply compatibility(String subject, String rawVersion, byte[] body) {
        Schema candidate = parseSchemaRequest(body);
        Integer version = parseVersion(rawVersion);
        if (version == null) {
            return Reply.ok(Map.of("is_compatible", store.isCompatibleWithLatest(subject, candidate)));
        }
        Registered against = version(subject, rawVersion);
        boolean compatible = InMemorySchemaStore.incompatibility(candidate, against.schema()) == null;
        return Reply.ok(Map.of("is_compatible", compatible));
    }

    private List<Integer> versionsOf(String subject) {
        requireSubject(subject);
        return store.versions(subject);
    }

    private Registered version(String subject, String rawVersion) {
        Integer version = parseVersion(rawVersion);
        requireSubject(subject);
        var found = version == null ? store.latest(subject) : store.version(subject, version);
        return found.orElseThrow(() -> new SchemaRegistryException(VERSION_NOT_FOUND, "Version not found."));
    }

    private void requireSubject(String subject) {
        if (store.latest(subject).isEmpty()) {
            throw new SchemaRegistryException(SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
        }
    }


    /** A version number, or null for the latest one ({@code latest} or {@code -1}). */
    private static Integer parseVersion(String raw) {
        if (raw.equals("latest") || raw.equals("-1")) {
            return null;
        }
        try {
            int version = Integer.parseInt(raw);
            if (version > 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // answered below as the registry does
        }
        throw new SchemaRegistryException(INVALID_VERSION, "The specified version '" + raw
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    /** The schema of a {@code {"schema": "...", "schemaType": "AVRO"}} request body. */
    static Schema parseSchemaRequest(byte[] body) {
        JsonNode json = RegistryJson.readTree(body, BAD_REQUEST);
        JsonNode type = json.path("schemaType");
        if (!type.isMissingNode() && !type.isNull() && !type.asText().equals("AVRO")) {
            throw new SchemaRegistryException(INVALID_SCHEMA,
                    "Unsupported schema type " + type.asText() + "; this registry serves AVRO only");
        }
        JsonNode references = json.path("references");
        if (references.isArray() && !references.isEmpty()) {
            throw new SchemaRegistryException(INVALID_SCHEMA, "Schema references are not supported");
        }
        JsonNode text = json.path("schema");
        if (!text.isTextual() || text.asText().isBlank()) {
            throw new SchemaRegistryException(INVALID_SCHEMA, "Invalid schema: no \"schema\" string given");
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (RuntimeException e) {
            // untrusted input: the parser reports its problems as several runtime exception types
            throw new SchemaRegistryException(INVALID_SCHEMA, "Invalid schema: " + e.getMessage(), e);
        }
    }

    private static Reply only(String allowed, String method, Supplier<Reply> action) {
        if (!allowed.equals(method)) {
            throw new SchemaRegistryException(METHOD_NOT_ALLOWED, "HTTP 405 Method Not Allowed");
        }
        return action.get();
    }

    private static List<String> segments(String rawPath) {
        String path = rawPath == null ? "" : rawPath;
        try {
            return Arrays.stream(path.split("/"))
                    .filter(s -> !s.isEmpty())
                    .map(RegistryJson::decodeSegment)
                    .toList();
        } catch (IllegalArgumentException e) {
            throw new SchemaRegistryException(BAD_REQUEST, "malformed path");
        }
    }
}
