package io.sluice.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.avro.AiRequest;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.schemas.SampleRecords;
import io.sluice.schemas.registry.InMemorySchemaStore;
import io.sluice.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Readers and writers of the contracts evolve independently: a record written by a newer or older
 * Sluice (or an application with its own copy of the schema) is read by the generated classes.
 */
class SchemaEvolutionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST_SUBJECT = "io.sluice.avro.AiRequest";

    private final InMemorySchemaStore registry = new InMemorySchemaStore();

    @Test
    void anOldReaderReadsARecordFromANewerWriterThatAddedAField() throws IOException {
        // given the current schema is registered, and a newer one adding a defaulted field after it
        AvroSerde<AiRequest> oldReader = AvroSerde.forClass(AiRequest.class, registry);
        registry.register(REQUEST_SUBJECT, AiRequest.getClassSchema());
        Schema newer = edit(AiRequest.getClassSchema(), fields -> fields.addObject()
                .put("name", "region").put("type", "string").put("default", "any"));
        int newerId = registry.register(REQUEST_SUBJECT, newer);
        AiRequest original = SampleRecords.request();
        GenericRecord written = convert(original, newer);
        written.put("region", "eu");

        // when the old reader reads what the newer writer wrote
        AiRequest read = oldReader.deserialize("sluice.requests", frame(newerId, written));

        // then it sees every field it knows, unchanged
        assertThat(registry.versions(REQUEST_SUBJECT)).containsExactly(1, 2);
        assertThat(read).isEqualTo(original);
    }

    @Test
    void aNewReaderReadsARecordFromAnOlderWriterWithoutSomeFieldsAndFillsTheirDefaults() throws IOException {
        // given an older schema without the idempotency key and metadata, registered first
        Schema older = edit(AiRequest.getClassSchema(), fields -> removeFields(fields, Set.of("idempotencyKey", "metadata")));
        int olderId = registry.register(REQUEST_SUBJECT, older);
        AiRequest original = SampleRecords.request();
        byte[] bytes = frame(olderId, convert(original, older));

        // when the current (newer) reader reads it
        AiRequest read = AvroSerde.forClass(AiRequest.class, registry).deserialize("sluice.requests", bytes);

        // then the missing fields take their defaults and the rest is intact
        assertThat(read.getIdempotencyKey()).isNull();
        assertThat(read.getMetadata()).isEmpty();
        assertThat(read.getRequestId()).isEqualTo(original.getRequestId());
        assertThat(read.getMessages()).isEqualTo(original.getMessages());
        assertThat(read.getParams()).isEqualTo(original.getParams());
        assertThat(read.getReceivedAt()).isEqualTo(original.getReceivedAt());
        // and the current schema may follow the older one under BACKWARD compatibility
        assertThat(registry.register(REQUEST_SUBJECT, AiRequest.getClassSchema())).isNotEqualTo(olderId);
        assertThat(registry.versions(REQUEST_SUBJECT)).containsExactly(1, 2);
    }

    @Test
    void anOldReaderMapsAnEnumSymbolItDoesNotKnowToTheEnumsDefault() throws IOException {
        // given a newer AuditEvent schema whose AuditAction has one more symbol
        registry.register("io.sluice.avro.AuditEvent", AuditEvent.getClassSchema());
        Schema newer = edit(AuditEvent.getClassSchema(), fields -> {
            for (var field : fields) {
                if (field.get("name").asText().equals("action")) {
                    ((ArrayNode) field.get("type").get("symbols")).add("REDACTED");
                }
            }
        });
        int newerId = registry.register("io.sluice.avro.AuditEvent", newer);
        GenericRecord written = convert(SampleRecords.auditEvent(), newer);
        written.put("action", new GenericData.EnumSymbol(newer.getField("action").schema(), "REDACTED"));

        // when
        AuditEvent read = AvroSerde.forClass(AuditEvent.class, registry).deserialize("sluice.audit", frame(newerId, written));

        // then
        assertThat(read.getAction()).isEqualTo(AuditAction.OTHER);
        assertThat(read.getEventId()).isEqualTo(SampleRecords.auditEvent().getEventId());
    }

    @Test
    void aNewRequiredFieldWithoutDefaultIsRefusedAndTheSubjectIsUnchanged() {
        // given
        AvroSerde<AiRequest> serde = AvroSerde.forClass(AiRequest.class, registry);
        serde.serialize("sluice.requests", SampleRecords.request());
        Schema incompatible = edit(AiRequest.getClassSchema(), fields -> fields.addObject()
                .put("name", "region").put("type", "string"));

        // when / then
        assertThatThrownBy(() -> registry.register(REQUEST_SUBJECT, incompatible))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA))
                .hasMessageContaining("region");
        assertThat(registry.versions(REQUEST_SUBJECT)).containsExactly(1);
        assertThat(registry.isCompatibleWithLatest(REQUEST_SUBJECT, incompatible)).isFalse();
    }

    /** The schema with its top-level fields edited as JSON. */
    static Schema edit(Schema schema, Consumer<ArrayNode> fields) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
            fields.accept((ArrayNode) json.get("fields"));
            return new Schema.Parser().parse(JSON.writeValueAsString(json));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void removeFields(ArrayNode fields, Set<String> names) {
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (names.contains(fields.get(i).get("name").asText())) {
                fields.remove(i);
            }
        }
    }

    /** The record as a generic record of another schema, resolved the way Avro resolves any reader. */
    static GenericRecord convert(SpecificRecord record, Schema target) throws IOException {
        var out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        @SuppressWarnings("unchecked")
        var writer = new SpecificDatumWriter<SpecificRecord>((Class<SpecificRecord>) record.getClass());
        writer.write(record, encoder);
        encoder.flush();
        var reader = new GenericDatumReader<GenericRecord>(record.getSchema(), target);
        return reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    /** A generic record in the Confluent wire format under {@code id}. */
    static byte[] frame(int id, GenericRecord record) throws IOException {
        var out = new ByteArrayOutputStream();
        out.write(0);
        out.write(new byte[] {(byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
