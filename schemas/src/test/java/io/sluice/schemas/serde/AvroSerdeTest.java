package io.sluice.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.Invocation;
import io.sluice.schemas.SampleRecords;
import io.sluice.schemas.registry.InMemorySchemaStore;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeTest {
    private final InMemorySchemaStore registry = new InMemorySchemaStore();

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of(AiRequest.class, SampleRecords.request()),
                Arguments.of(Invocation.class, SampleRecords.invocation()),
                Arguments.of(AiResponse.class, SampleRecords.response()),
                Arguments.of(AiReply.class, SampleRecords.reply()),
                Arguments.of(AuditEvent.class, SampleRecords.auditEvent()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    <T extends SpecificRecord> void everyRecordTypeRoundTripsWithAllFieldsSet(Class<T> type, T record) {
        // given a writer and a separate reader sharing one registry
        AvroSerde<T> writer = AvroSerde.forClass(type, registry);
        AvroSerde<T> reader = AvroSerde.forClass(type, registry);

        // when
        byte[] bytes = writer.serialize("sluice.any", record);
        T read = reader.deserialize("sluice.any", bytes);

        // then
        assertThat(read).isEqualTo(record);
    }

    @Test
    void writesTheConfluentWireFormatWithTheSubjectsSchemaId() {
        AvroSerde<AuditEvent> serde = AvroSerde.forClass(AuditEvent.class, registry);
        registry.register("io.sluice.avro.Other", AiRequest.getClassSchema());

        byte[] bytes = serde.serialize("sluice.audit", SampleRecords.auditEvent());

        int expectedId = registry.latest("io.sluice.avro.AuditEvent").orElseThrow().id();
        assertThat(bytes[0]).isEqualTo((byte) 0);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(expectedId).isEqualTo(2);
        assertThat(serde.subject()).isEqualTo("io.sluice.avro.AuditEvent");
    }

    @Test
    void nullIsATombstoneBothWays() {
        AvroSerde<AiRequest> serde = AvroSerde.forClass(AiRequest.class, registry);

        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    void bytesWithoutTheMagicByteAreRefused() {
        AvroSerde<AiRequest> serde = AvroSerde.forClass(AiRequest.class, registry);

        assertThatThrownBy(() -> serde.deserialize("t", new byte[] {1, 0, 0, 0, 1, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("wire format");
    }
}
