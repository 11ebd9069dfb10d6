package io.sluice.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.schemas.registry.InMemorySchemaStore.Registered;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaStoreTest {
    static final Schema V1 = record("{\"name\":\"id\",\"type\":\"string\"}");
    static final Schema V2 = record("{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"qty\",\"type\":\"int\",\"default\":1}");
    static final Schema V3 = record("{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"qty\",\"type\":\"int\",\"default\":1},"
            + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}");

    @Test
    void aSchemaRegisteredUnderTwoSubjectsHasOneId() {
        var store = new InMemorySchemaStore();

        int a = store.register("a", V1);
        int b = store.register("b", V1);
        int c = store.register("a", V2);

        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
        assertThat(store.lookup("b", V1)).map(Registered::version).contains(1);
        assertThat(store.lookup("b", V2)).isEmpty();
    }

    @Test
    void restoredRegistrationsInAnyOrderGiveTheSameLatestAndNextVersion() {
        // given versions read back out of order, as from several partitions
        var store = new InMemorySchemaStore();
        store.restore(new Registered("orders", 2, 7, V2));
        store.restore(new Registered("orders", 1, 3, V1));

        // when
        Registered next = store.registerVersion("orders", V3);

        // then
        assertThat(store.versions("orders")).containsExactly(1, 2, 3);
        assertThat(next.version()).isEqualTo(3);
        assertThat(next.id()).isEqualTo(8);
        assertThat(store.schemaById(3)).isEqualTo(V1);
        assertThat(store.latest("orders")).contains(next);
    }

    @Test
    void aListenerThatFailsRefusesTheRegistrationAndLeavesNoTrace() {
        List<Registered> persisted = new ArrayList<>();
        var failing = new boolean[] {false};
        var store = new InMemorySchemaStore(r -> {
            if (failing[0]) {
                throw new SchemaRegistryException(SchemaRegistryException.STORE_ERROR, "down");
            }
            persisted.add(r);
        });
        store.register("orders", V1);
        failing[0] = true;

        assertThatThrownBy(() -> store.register("orders", V2)).isInstanceOf(SchemaRegistryException.class);

        assertThat(store.versions("orders")).containsExactly(1);
        assertThat(persisted).extracting(Registered::version).containsExactly(1);
        failing[0] = false;
        assertThat(store.registerVersion("orders", V2).version()).isEqualTo(2);
    }

    @Test
    void registrationsAreValidated() {
        assertThatThrownBy(() -> new Registered(" ", 1, 1, V1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Registered("s", 0, 1, V1)).isInstanceOf(IllegalArgumentException.class);
    }

    static Schema record(String fields) {
        return new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\",\"fields\":[" + fields + "]}");
    }
}
