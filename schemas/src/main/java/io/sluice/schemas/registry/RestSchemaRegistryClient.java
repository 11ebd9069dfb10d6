package io.sluice.schemas.registry;

import io.sluice.schemas.DaemonThreads;
import static io.sluice.schemas.registry.SchemaRegistryException.SUBJECT_NOT_FOUND;
import static io.sluice.schemas.registry.SchemaRegistryException.TIMEOUT;
import static io.sluice.schemas.registry.SchemaRegistryException.UNREACHABLE;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.schemas.registry.InMemorySchemaStore.Registered;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the Confluent Schema Registry REST API (or of Sluice's own {@link SchemaRegistryServer}).
 * Ids are immutable, so the schema behind an id and the id of a (subject, schema) pair are cached
 * for the client's lifetime: the serdes reach the network only on a cache miss. Calls block the
 * calling thread for at most the request timeout.
 *
 * <p>Failures are thrown as {@link SchemaRegistryException} carrying the registry's
 * {@code error_code} and message, or {@link SchemaRegistryException#TIMEOUT} /
 * {@link SchemaRegistryException#UNREACHABLE} when no answer came.
 */
public final class RestSchemaRegistryClient implements SchemaRegistry, AutoCloseable {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(RestSchemaRegistryClient.class);

    private final String baseUrl;
    private final Duration requestTimeout;
    private final ExecutorService executor;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private record SubjectSchema(String subject, String canonical) {}

    /** A client with {@link #DEFAULT_CONNECT_TIMEOUT} and {@link #DEFAULT_REQUEST_TIMEOUT}. */
    public RestSchemaRegistryClient(URI baseUrl) {
        this(baseUrl, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public RestSchemaRegistryClient(URI baseUrl, Duration connectTimeout, Duration requestTimeout) {
        if (baseUrl == null || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
            throw new IllegalArgumentException("schema registry URL must be http(s), was " + baseUrl);
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        String url = baseUrl.toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.requestTimeout = requestTimeout;
        this.executor = Executors.newCachedThreadPool(DaemonThreads.named("sluice-schema-registry-client"));
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .executor(executor)
                .build();
    }

    @Override
    public int register(String subject, Schema schema) {
        var key = new SubjectSchema(subject, schema.toString());
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", "/subjects/" + RegistryJson.encodeSegment(subject) + "/versions",
                schemaRequest(schema));
        int id = requireInt(answer, "id");
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        log.debug("schema registered subject={} id={}", subject, id);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("GET", "/schemas/ids/" + id, null);
        Schema schema = parseSchema(answer);
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    /** The latest version registered under {@code subject}, or empty if the subject has none. Not cached. */
    public Optional<Registered> latest(String subject) {
        try {
            JsonNode answer = call("GET", "/subjects/" + RegistryJson.encodeSegment(subject) + "/versions/latest", null);
            Schema schema = parseSchema(answer);
            int id = requireInt(answer, "id");
            schemasById.putIfAbsent(id, schema);
            return Optional.of(new Registered(subject, requireInt(answer, "version"), id, schema));
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SUBJECT_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Whether {@code candidate} may be registered after the latest schema of {@code subject}. Not cached. */
    public boolean isCompatibleWithLatest(String subject, Schema candidate) {
        JsonNode answer = call("POST",
                "/compatibility/subjects/" + RegistryJson.encodeSegment(subject) + "/versions/latest",
                schemaRequest(candidate));
        JsonNode compatible = answer.path("is_compatible");
        if (!compatible.isBoolean()) {
            throw new SchemaRegistryException(UNREACHABLE, "registry answer has no boolean is_compatible");
        }
        return compatible.booleanValue();
    }

    /** Releases the client's threads; later calls fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }

    private JsonNode call(String method, String path, byte[] body) {
        if (closed) {
            throw new IllegalStateException("schema registry client is closed");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Accept", RegistryJson.CONTENT_TYPE)
                .header("Content-Type", RegistryJson.CONTENT_TYPE)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response = send(request);
        if (response.statusCode() / 100 == 2) {
            return RegistryJson.readTree(response.body(), UNREACHABLE);
        }
        throw failure(method, path, response);
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new SchemaRegistryException(TIMEOUT,
                    "schema registry did not answer in time: " + request.method() + " " + request.uri(), e);
        } catch (IOException e) {
            throw new SchemaRegistryException(UNREACHABLE,
                    "schema registry unreachable: " + request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(UNREACHABLE, "interrupted while calling the schema registry", e);
        }
    }

    private static SchemaRegistryException failure(String method, String path, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        try {
            JsonNode error = RegistryJson.MAPPER.readTree(response.body());
            if (error != null && error.path("error_code").isInt()) {
                return new SchemaRegistryException(error.get("error_code").intValue(), error.path("message").asText());
            }
        } catch (IOException e) {
            // not the registry's error shape: answered below from the status alone
        }
        return new SchemaRegistryException(status, "schema registry answered HTTP " + status + " to " + method + " " + path);
    }

    private static byte[] schemaRequest(Schema schema) {
        return RegistryJson.write(Map.of("schema", schema.toString()));
    }

    private static Schema parseSchema(JsonNode answer) {
        JsonNode type = answer.path("schemaType");
        if (!type.isMissingNode() && !type.isNull() && !type.asText().equals("AVRO")) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA,
                    "schema is of type " + type.asText() + ", not AVRO");
        }
        JsonNode text = answer.path("schema");
        if (!text.isTextual()) {
            throw new SchemaRegistryException(UNREACHABLE, "registry answer has no schema string");
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (RuntimeException e) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA,
                    "registry returned an unparsable schema: " + e.getMessage(), e);
        }
    }

    private static int requireInt(JsonNode answer, String field) {
        JsonNode value = answer.path(field);
        if (!value.isInt()) {
            throw new SchemaRegistryException(UNREACHABLE, "registry answer has no integer " + field);
        }
        return value.intValue();
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }

}
