package io.sluice.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REST client against Sluice's own registry server over loopback HTTP. */
class RestSchemaRegistryClientTest {
    private static final Schema V1 = parse("{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
    private static final Schema V2 = parse("{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"qty\",\"type\":\"int\",\"default\":1}]}");
    private static final Schema REQUIRED_FIELD = parse("{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"sku\",\"type\":\"string\"}]}");

    private final InMemorySchemaStore store = new InMemorySchemaStore();
    private final SchemaRegistryServer server = new SchemaRegistryServer(store, "127.0.0.1", 0);
    private RestSchemaRegistryClient client;

    private RestSchemaRegistryClient startClient() {
        server.start();
        client = new RestSchemaRegistryClient(server.uri());
        return client;
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    @Test
    void registersFetchesByIdAndReadsTheLatestVersion() {
        RestSchemaRegistryClient registry = startClient();

        int id1 = registry.register("orders-value", V1);
        int id2 = registry.register("orders-value", V2);

        assertThat(store.schemaById(id1)).isEqualTo(V1);
        try (var fresh = new RestSchemaRegistryClient(server.uri())) {
            assertThat(fresh.schemaById(id2)).isEqualTo(V2);
        }
        var latest = registry.latest("orders-value").orElseThrow();
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.id()).isEqualTo(id2);
        assertThat(latest.schema()).isEqualTo(V2);
        assertThat(registry.latest("no-such-subject")).isEmpty();
    }

    @Test
    void checksCompatibilityWithTheLatestVersion() {
        RestSchemaRegistryClient registry = startClient();
        registry.register("orders-value", V1);

        assertThat(registry.isCompatibleWithLatest("orders-value", V2)).isTrue();
        assertThat(registry.isCompatibleWithLatest("orders-value", REQUIRED_FIELD)).isFalse();
        assertThat(registry.isCompatibleWithLatest("new-subject", REQUIRED_FIELD)).isTrue();
    }

    @Test
    void registryErrorsCarryTheRegistrysErrorCodeAndMessage() {
        RestSchemaRegistryClient registry = startClient();
        registry.register("orders-value", V1);

        assertThatThrownBy(() -> registry.register("orders-value", REQUIRED_FIELD))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA))
                .hasMessageContaining("incompatible");
        assertThatThrownBy(() -> registry.schemaById(4242))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
    }

    @Test
    void knownIdsAndRegistrationsAreServedFromTheCacheWhenTheRegistryIsGone() {
        // given a client that has registered and fetched once
        RestSchemaRegistryClient registry = startClient();
        int id = registry.register("orders-value", V1);
        int otherId = store.register("other-value", V2);
        assertThat(registry.schemaById(otherId)).isEqualTo(V2);

        // when the registry stops
        server.close();

        // then what it already knows still answers, and anything else fails as unreachable
        assertThat(registry.register("orders-value", V1)).isEqualTo(id);
        assertThat(registry.schemaById(id)).isEqualTo(V1);
        assertThat(registry.schemaById(otherId)).isEqualTo(V2);
        assertThatThrownBy(() -> registry.register("orders-value", V2))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.UNREACHABLE));
    }

    @Test
    void aRegistryThatDoesNotAnswerTimesOut() throws IOException {
        // given a socket that accepts connections and never answers
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                var registry = new RestSchemaRegistryClient(
                        URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                        Duration.ofSeconds(5), Duration.ofMillis(300))) {
            Thread acceptor = new Thread(() -> {
                try {
                    Socket connection = silent.accept();
                    try {
                        Thread.sleep(10_000);
                    } finally {
                        connection.close();
                    }
                } catch (IOException | InterruptedException e) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            // when / then
            assertThatThrownBy(() -> registry.schemaById(1))
                    .isInstanceOfSatisfying(SchemaRegistryException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.TIMEOUT));
            acceptor.interrupt();
        }
    }

    @Test
    void aClosedClientRefusesCalls() {
        RestSchemaRegistryClient registry = startClient();

        registry.close();

        assertThatThrownBy(() -> registry.schemaById(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyHttpUrlsAreAccepted() {
        assertThatThrownBy(() -> new RestSchemaRegistryClient(URI.create("ftp://localhost:1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
