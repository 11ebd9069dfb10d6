package io.sluice.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded registry as a standard Confluent client sees it: raw HTTP over loopback. */
class SchemaRegistryServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V1 = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
    private static final String V2 = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"qty\",\"type\":\"int\",\"default\":1}]}";
    private static final String REQUIRED_FIELD = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"sku\",\"type\":\"string\"}]}";

    private final InMemorySchemaStore store = new InMemorySchemaStore();
    private final SchemaRegistryServer server = new SchemaRegistryServer(store, "127.0.0.1", 0);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, String contentType, JsonNode body) {}

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registersAndServesASchemaByIdAndBySubjectVersion() throws Exception {
        // when
        Answer registered = post("/subjects/orders-value/versions", schemaBody(V1));

        // then
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        int id = registered.body().get("id").intValue();
        Answer byId = get("/schemas/ids/" + id);
        assertThat(new Schema.Parser().parse(byId.body().get("schema").asText()))
                .isEqualTo(new Schema.Parser().parse(V1));
        assertThat(get("/subjects").body()).containsExactly(JSON.getNodeFactory().textNode("orders-value"));
        assertThat(get("/subjects/orders-value/versions").body().toString()).isEqualTo("[1]");
        JsonNode latest = get("/subjects/orders-value/versions/latest").body();
        assertThat(latest.get("subject").asText()).isEqualTo("orders-value");
        assertThat(latest.get("version").intValue()).isEqualTo(1);
        assertThat(latest.get("id").intValue()).isEqualTo(id);
        assertThat(get("/subjects/orders-value/versions/1").body()).isEqualTo(latest);
    }

    @Test
    void registeringTheSameSchemaAgainReturnsTheSameIdAndACompatibleOneANewVersion() throws Exception {
        int first = post("/subjects/orders-value/versions", schemaBody(V1)).body().get("id").intValue();

        int again = post("/subjects/orders-value/versions", schemaBody(V1)).body().get("id").intValue();
        Answer evolved = post("/subjects/orders-value/versions",
                JSON.writeValueAsString(Map.of("schema", V2, "schemaType", "AVRO")));

        assertThat(again).isEqualTo(first);
        assertThat(evolved.status()).isEqualTo(200);
        assertThat(evolved.body().get("id").intValue()).isNotEqualTo(first);
        assertThat(get("/subjects/orders-value/versions").body().toString()).isEqualTo("[1,2]");
        assertThat(post("/subjects/orders-value", schemaBody(V1)).body().get("version").intValue()).isEqualTo(1);
    }

    @Test
    void anIncompatibleSchemaIsRefusedWith409() throws Exception {
        post("/subjects/orders-value/versions", schemaBody(V1));

        Answer refused = post("/subjects/orders-value/versions", schemaBody(REQUIRED_FIELD));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("error_code").intValue()).isEqualTo(409);
        assertThat(refused.body().get("message").asText()).contains("incompatible");
        assertThat(get("/subjects/orders-value/versions").body().toString()).isEqualTo("[1]");
    }

    @Test
    void checksCompatibilityWithoutRegistering() throws Exception {
        post("/subjects/orders-value/versions", schemaBody(V1));

        Answer compatible = post("/compatibility/subjects/orders-value/versions/latest", schemaBody(V2));
        Answer incompatible = post("/compatibility/subjects/orders-value/versions/latest", schemaBody(REQUIRED_FIELD));
        Answer againstVersion = post("/compatibility/subjects/orders-value/versions/1", schemaBody(REQUIRED_FIELD));

        assertThat(compatible.body().get("is_compatible").booleanValue()).isTrue();
        assertThat(incompatible.body().get("is_compatible").booleanValue()).isFalse();
        assertThat(againstVersion.body().get("is_compatible").booleanValue()).isFalse();
        assertThat(get("/subjects/orders-value/versions").body().toString()).isEqualTo("[1]");
    }

    @Test
    void anUnparsableOrNonAvroSchemaIsRefusedWith422() throws Exception {
        Answer unparsable = post("/subjects/s/versions", schemaBody("{\"type\":\"record\",\"name\":"));
        Answer protobuf = post("/subjects/s/versions",
                JSON.writeValueAsString(Map.of("schema", "syntax = \"proto3\";", "schemaType", "PROTOBUF")));
        Answer noSchema = post("/subjects/s/versions", "{}");

        for (Answer answer : new Answer[] {unparsable, protobuf, noSchema}) {
            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.body().get("error_code").intValue()).isEqualTo(42201);
            assertThat(answer.body().get("message").asText()).isNotBlank();
        }
        assertThat(get("/subjects").body()).isEmpty();
    }

    @Test
    void unknownIdsSubjectsAndVersionsAre404WithTheirErrorCodes() throws Exception {
        post("/subjects/orders-value/versions", schemaBody(V1));

        assertError(get("/schemas/ids/999"), 404, 40403);
        assertError(get("/subjects/nope/versions"), 404, 40401);
        assertError(get("/subjects/nope/versions/latest"), 404, 40401);
        assertError(get("/subjects/orders-value/versions/7"), 404, 40402);
        assertError(get("/subjects/orders-value/versions/zero"), 422, 42202);
        assertError(post("/subjects/orders-value", schemaBody(V2)), 404, 40403);
        assertError(get("/no/such/path"), 404, 404);
        assertError(send("DELETE", "/subjects", null), 405, 405);
        assertError(post("/subjects/s/versions", "{not json"), 400, 400);
    }

    @Test
    void servesTheGlobalCompatibilityLevel() throws Exception {
        Answer config = get("/config");

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void subjectsWithReservedCharactersArePercentEncodedInThePath() throws Exception {
        post("/subjects/" + RegistryJson.encodeSegment("team a/orders+v") + "/versions", schemaBody(V1));

        assertThat(get("/subjects").body().get(0).asText()).isEqualTo("team a/orders+v");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        String huge = "{\"schema\":\"" + "x".repeat(SchemaRegistryServer.MAX_BODY_BYTES) + "\"}";

        Answer answer = post("/subjects/s/versions", huge);

        assertError(answer, 413, 413);
        assertThat(store.subjects()).isEmpty();
    }

    private static void assertError(Answer answer, int status, int errorCode) {
        assertThat(answer.status()).as("status").isEqualTo(status);
        assertThat(answer.body().get("error_code").intValue()).as("error_code").isEqualTo(errorCode);
        assertThat(answer.body().get("message").asText()).as("message").isNotBlank();
    }

    private static String schemaBody(String schema) throws IOException {
        return JSON.writeValueAsString(Map.of("schema", schema));
    }

    private Answer get(String path) throws Exception {
        return send("GET", path, null);
    }

    private Answer post(String path, String body) throws Exception {
        return send("POST", path, body);
    }

    private Answer send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.uri() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                JSON.readTree(response.body()));
    }
}
