package io.sluice.schemas.audit;

import io.sluice.avro.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/**
 * The hash of an audit event in its tenant's chain: hex SHA-256 over a version tag, the previous
 * event's hash and the event's canonical form.
 *
 * <p>The canonical form lists, in schema order, every field except {@code previousHash} and
 * {@code hash} whose value differs from the field's declared default, each as a length-prefixed
 * name and a length-prefixed value (strings as they are, numbers in decimal, timestamps as epoch
 * milliseconds, enums by name, maps sorted by key). Leaving defaults out means a field added to the
 * schema later, with a default, does not change the hashes of events written before it; the
 * length prefixes make the encoding unambiguous. Everything a database keeps of an event is
 * enough to recompute it, so a trail can be verified from the topic or from the sink's tables.
 */
public final class AuditHashes {
    static final String VERSION = "sluice-audit-v1";
    private static final HexFormat HEX = HexFormat.of();
    private static final Schema SCHEMA = AuditEvent.getClassSchema();

    private AuditHashes() {}

    /** The hash {@code event} must carry when it follows an event whose hash is {@code previousHash} (null: the first). */
    public static String hash(AuditEvent event, String previousHash) {
        MessageDigest digest = sha256();
        update(digest, VERSION);
        update(digest, previousHash == null ? "" : previousHash);
        for (Schema.Field field : SCHEMA.getFields()) {
            if (field.name().equals("hash") || field.name().equals("previousHash")) {
                continue;
            }
            Object value = event.get(field.pos());
            if (isDefault(field, value)) {
                continue;
            }
            update(digest, field.name());
            update(digest, canonical(value));
        }
        return HEX.formatHex(digest.digest());
    }

    /** Whether {@code event} carries the hash of its content after {@code previousHash}. */
    public static boolean matches(AuditEvent event) {
        return Objects.equals(event.getHash(), hash(event, event.getPreviousHash()));
    }

    private static boolean isDefault(Schema.Field field, Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty();
        }
        if (!field.hasDefaultValue()) {
            return false;
        }
        Object fallback = field.defaultVal();
        if (fallback == null || fallback == JsonProperties.NULL_VALUE) {
            return false;
        }
        return canonical(fallback).equals(canonical(value));
    }

    private static String canonical(Object value) {
        if (value instanceof Instant instant) {
            return Long.toString(instant.toEpochMilli());
        }
        if (value instanceof Enum<?> symbol) {
            return symbol.name();
        }
        if (value instanceof Map<?, ?> map) {
            var sorted = new TreeMap<String, String>();
            map.forEach((k, v) -> sorted.put(k.toString(), canonical(v)));
            var out = new StringBuilder();
            sorted.forEach((k, v) -> out.append(lengthPrefixed(k)).append(lengthPrefixed(v)));
            return out.toString();
        }
        return value.toString();
    }

    private static String lengthPrefixed(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length + ":" + text;
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
