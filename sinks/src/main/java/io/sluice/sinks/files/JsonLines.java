package io.sluice.sinks.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Renders an Avro record as one line of plain JSON, the way analysts' tools expect it rather than
 * Avro's own JSON encoding: fields in schema order under their schema names, a union as its value
 * (no type wrapper), enums as their symbol, timestamps as ISO-8601 UTC strings with a fixed
 * precision ({@code 2026-12-02T13:04:05.123Z}, so that a reader infers one type per column), dates
 * and times as ISO strings, map entries sorted by key, bytes in base64, and every integer as is
 * (money stays integer micro-dollars). A NaN or infinite double, which JSON cannot carry, becomes
 * null.
 *
 * <p>Fields named in {@code withheld} are left out: dotted paths of field names from the root, e.g.
 * {@code error.message}; the items of an array or map add no step ({@code choices.message} is the
 * message of every choice).
 */
final class JsonLines {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Set<String> withheld;

    JsonLines(Set<String> withheld) {
        this.withheld = Set.copyOf(withheld);
    }

    /** The record as UTF-8 JSON, without a line break. */
    byte[] render(IndexedRecord record) {
        var bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            write(g, record.getSchema(), record, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void write(JsonGenerator g, Schema schema, Object value, String path) throws IOException {
        if (value == null) {
            g.writeNull();
            return;
        }
        LogicalType logical = schema.getLogicalType();
        if (logical != null && writeLogical(g, logical.getName(), value)) {
            return;
        }
        switch (schema.getType()) {
            case RECORD -> {
                IndexedRecord record = (IndexedRecord) value;
                g.writeStartObject();
                for (Schema.Field field : schema.getFields()) {
                    String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
                    if (!withheld.contains(fieldPath)) {
                        g.writeFieldName(field.name());
                        write(g, field.schema(), record.get(field.pos()), fieldPath);
                    }
                }
                g.writeEndObject();
            }
            case UNION -> write(g, branch(schema, value), value, path);
            case ARRAY -> {
                g.writeStartArray();
                for (Object item : (Collection<?>) value) {
                    write(g, schema.getElementType(), item, path);
                }
                g.writeEndArray();
            }
            case MAP -> {
                var sorted = new TreeMap<String, Object>();
                ((Map<?, ?>) value).forEach((k, v) -> sorted.put(k.toString(), v));
                g.writeStartObject();
                for (var e : sorted.entrySet()) {
                    g.writeFieldName(e.getKey());
                    write(g, schema.getValueType(), e.getValue(), path);
                }
                g.writeEndObject();
            }
            case STRING, ENUM -> g.writeString(value.toString());
            case INT, LONG -> g.writeNumber(((Number) value).longValue());
            case FLOAT, DOUBLE -> {
                double d = ((Number) value).doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    g.writeNull();
                } else if (schema.getType() == Schema.Type.FLOAT) {
                    g.writeNumber(((Number) value).floatValue());
                } else {
                    g.writeNumber(d);
                }
            }
            case BOOLEAN -> g.writeBoolean((Boolean) value);
            case BYTES -> g.writeString(base64((ByteBuffer) value));
            case FIXED -> g.writeString(Base64.getEncoder().encodeToString(((GenericFixed) value).bytes()));
            case NULL -> g.writeNull();
        }
    }

    /**
     * Timestamps, dates and times, whether the record holds them converted (java.time, as generated
     * classes do) or raw (a number, as generic records do); false for logical types rendered by
     * their underlying type.
     */
    private static boolean writeLogical(JsonGenerator g, String logicalType, Object value) throws IOException {
        switch (logicalType) {
            case "timestamp-millis" -> g.writeString(MILLIS.format(value instanceof Instant i ? i
                    : Instant.ofEpochMilli(((Number) value).longValue())));
            case "timestamp-micros" -> g.writeString(MICROS.format(value instanceof Instant i ? i
                    : Instant.EPOCH.plusNanos(Math.multiplyExact(((Number) value).longValue(), 1_000L))));
            case "date" -> g.writeString((value instanceof LocalDate d ? d
                    : LocalDate.ofEpochDay(((Number) value).longValue())).toString());
            case "time-millis" -> g.writeString((value instanceof LocalTime t ? t
                    : LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L)).toString());
            case "time-micros" -> g.writeString((value instanceof LocalTime t ? t
                    : LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000L)).toString());
            case "decimal" -> {
                if (!(value instanceof BigDecimal d)) {
                    return false;
                }
                g.writeNumber(d);
            }
            default -> {
                if (!(value instanceof Temporal t)) {
                    return false;
                }
                g.writeString(t.toString());
            }
        }
        return true;
    }

    /** The branch of a union that a non-null value belongs to. */
    private static Schema branch(Schema union, Object value) {
        List<Schema> candidates = union.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        for (Schema s : candidates) {
            if (matches(s, value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no branch of " + union + " holds a " + value.getClass().getName());
    }

    private static boolean matches(Schema schema, Object value) {
        String logical = schema.getLogicalType() == null ? "" : schema.getLogicalType().getName();
        if (value instanceof Instant) {
            return logical.startsWith("timestamp-");
        }
        if (value instanceof LocalDate) {
            return logical.equals("date");
        }
        if (value instanceof LocalTime) {
            return logical.startsWith("time-");
        }
        if (value instanceof BigDecimal) {
            return logical.equals("decimal");
        }
        return switch (schema.getType()) {
            case RECORD -> value instanceof IndexedRecord r && r.getSchema().getFullName().equals(schema.getFullName());
            case ENUM -> value instanceof Enum<?> || value instanceof GenericEnumSymbol<?>;
            case FIXED -> value instanceof GenericFixed f && f.getSchema().getFullName().equals(schema.getFullName());
            case STRING -> value instanceof CharSequence;
            case INT -> value instanceof Integer;
            case LONG -> value instanceof Long;
            case FLOAT -> value instanceof Float;
            case DOUBLE -> value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
            case BYTES -> value instanceof ByteBuffer;
            case ARRAY -> value instanceof Collection<?>;
            case MAP -> value instanceof Map<?, ?>;
            default -> false;
        };
    }

    private static String base64(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
