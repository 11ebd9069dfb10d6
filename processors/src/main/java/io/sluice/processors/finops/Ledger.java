package io.sluice.processors.finops;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The values the money stages keep in their stores, with compact binary serdes that need no
 * schema registry (a stream thread must never wait on one).
 */
public final class Ledger {
    private Ledger() {}

    /**
     * One budget in one period: spend committed by settled responses and the worst cases reserved
     * by requests still in flight; {@code alerted} has bit i set once threshold i has alerted.
     */
    public record BudgetState(long committedMicros, long reservedMicros, int alerted) {
        static final BudgetState EMPTY = new BudgetState(0, 0, 0);
    }

    /**
     * A request's reservation: {@code amountMicros} held against each of {@code budgetKeys} until
     * its response settles it or it expires.
     */
    public record Reservation(String tenant, String app, long amountMicros, List<String> budgetKeys,
            long expiresAtMillis) {
        public Reservation {
            budgetKeys = List.copyOf(budgetKeys);
        }
    }

    public static Serde<BudgetState> budgetSerde() {
        return serde((out, s) -> {
            out.writeLong(s.committedMicros());
            out.writeLong(s.reservedMicros());
            out.writeInt(s.alerted());
        }, in -> new BudgetState(in.readLong(), in.readLong(), in.readInt()));
    }

    public static Serde<Reservation> reservationSerde() {
        return serde((out, r) -> {
            out.writeUTF(r.tenant());
            out.writeUTF(r.app() == null ? "" : r.app());
            out.writeLong(r.amountMicros());
            out.writeInt(r.budgetKeys().size());
            for (String key : r.budgetKeys()) {
                out.writeUTF(key);
            }
            out.writeLong(r.expiresAtMillis());
        }, in -> {
            String tenant = in.readUTF();
            String app = in.readUTF();
            long amount = in.readLong();
            int n = in.readInt();
            List<String> keys = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                keys.add(in.readUTF());
            }
            return new Reservation(tenant, app.isEmpty() ? null : app, amount, keys, in.readLong());
        });
    }

    /** An Avro record in Avro's single-object encoding (schema fingerprint, then the body). */
    public static <T> Serde<T> avroSerde(BinaryMessageEncoder<T> encoder, BinaryMessageDecoder<T> decoder) {
        return Serdes.serdeFrom(
                (topic, value) -> {
                    try {
                        return value == null ? null : encoder.encode(value).array();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                (topic, data) -> {
                    try {
                        return data == null ? null : decoder.decode(data);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    interface Writer<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    static <T> Serde<T> serde(Writer<T> writer, Reader<T> reader) {
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            var bytes = new ByteArrayOutputStream(64);
            try (var out = new DataOutputStream(bytes)) {
                writer.write(out, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        };
        Deserializer<T> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (var in = new DataInputStream(new ByteArrayInputStream(data))) {
                return reader.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
