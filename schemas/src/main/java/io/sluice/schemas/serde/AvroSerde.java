package io.sluice.schemas.serde;

import io.sluice.schemas.registry.SchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for generated Avro records in the Confluent wire format: magic byte {@code 0}, the
 * writer schema's 4-byte big-endian registry id, then the Avro binary body. Records written with
 * another (older or newer) schema are resolved to this class's schema, so readers and writers can
 * evolve independently within the registry's compatibility rules.
 *
 * <p>Subjects follow the topic-name-independent record-name strategy ({@code io.sluice.avro.X}),
 * so one record type has one subject whichever topic carries it.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {
    static final byte MAGIC = 0;

    private final Schema readerSchema;
    private final SchemaRegistry registry;
    private final SpecificData data;
    private final SpecificDatumWriter<T> writer;
    private final Map<Integer, DatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    private volatile int writerId = -1;

    private AvroSerde(Schema schema, SchemaRegistry registry) {
        this.readerSchema = schema;
        this.registry = registry;
        this.data = SpecificData.getForSchema(schema);
        this.writer = new SpecificDatumWriter<>(schema, data);
    }

    public static <T extends SpecificRecord> AvroSerde<T> forClass(Class<T> type, SchemaRegistry registry) {
        return new AvroSerde<>(SpecificData.get().getSchema(type), registry);
    }

    public String subject() {
        return readerSchema.getFullName();
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        int id = writerId;
        if (id < 0) {
            id = registerWriterSchema();
        }
        var out = new ByteArrayOutputStream(256);
        out.write(MAGIC);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new SerializationException("cannot write " + subject() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Registers this record type's schema (once) and returns its id. */
    public int registerWriterSchema() {
        int id = writerId;
        if (id < 0) {
            id = registry.register(subject(), readerSchema);
            writerId = id;
        }
        return id;
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length < 5 || bytes[0] != MAGIC) {
            throw new SerializationException("not in the Confluent Avro wire format (" + bytes.length + " bytes)");
        }
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        DatumReader<T> reader = readersByWriterId.computeIfAbsent(id, this::readerFor);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read " + subject() + " written with schema id " + id, e);
        }
    }

    private DatumReader<T> readerFor(int writerSchemaId) {
        Schema writerSchema = registry.schemaById(writerSchemaId);
        return new SpecificDatumReader<>(writerSchema, readerSchema, data);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // configured by construction
    }

    @Override
    public void close() {
        // nothing to release; the registry is owned by whoever built the topic registry
    }
}
