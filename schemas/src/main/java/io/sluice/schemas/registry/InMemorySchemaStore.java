package io.sluice.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * The registry's state: subjects with their versions and schemas with global ids, enforcing
 * BACKWARD compatibility (a new schema must read data written with the latest one). Thread-safe.
 * The embedded registry persists every registration through a {@link Listener} and replays them
 * with {@link #restore}; on its own it serves topology tests, which need no network.
 */
public final class InMemorySchemaStore implements SchemaRegistry {

    /** A schema as registered under one subject. */
    public record Registered(String subject, int version, int id, Schema schema) {
        public Registered {
            if (subject == null || subject.isBlank()) {
                throw new IllegalArgumentException("subject must not be blank");
            }
            if (version < 1) {
                throw new IllegalArgumentException("version must be positive, was " + version);
            }
            if (id < 0) {
                throw new IllegalArgumentException("id must not be negative, was " + id);
            }
            if (schema == null) {
                throw new IllegalArgumentException("schema must not be null");
            }
        }
    }

    /**
     * Told of each new registration before it becomes visible, e.g. to persist it; called with the
     * store's lock held, so registrations are serialized. Throwing refuses the registration.
     */
    public interface Listener {
        void registered(Registered registered);
    }

    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<String, Integer> idByCanonical = new HashMap<>();
    private final Map<String, List<Registered>> subjects = new HashMap<>();
    private final Listener listener;
    private int nextId = 1;

    public InMemorySchemaStore() {
        this(r -> { });
    }

    public InMemorySchemaStore(Listener listener) {
        this.listener = listener;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        return registerVersion(subject, schema).id();
    }

    /** Registers and returns the subject version, or the existing one if the schema is already there. */
    public synchronized Registered registerVersion(String subject, Schema schema) {
        List<Registered> versions = subjects.getOrDefault(subject, List.of());
        String canonical = canonical(schema);
        for (Registered r : versions) {
            if (canonical(r.schema()).equals(canonical)) {
                return r;
            }
        }
        if (!versions.isEmpty()) {
            Registered latest = versions.get(versions.size() - 1);
            String problem = incompatibility(schema, latest.schema());
            if (problem != null) {
                throw new SchemaRegistryException(SchemaRegistryException.INCOMPATIBLE_SCHEMA,
                        "Schema being registered is incompatible with an earlier schema for subject \""
                                + subject + "\": " + problem);
            }
        }
        int id = idByCanonical.getOrDefault(canonical, nextId);
        int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        Registered registered = new Registered(subject, version, id, schema);
        listener.registered(registered);
        apply(registered);
        return registered;
    }

    /**
     * Applies a registration read back from storage; ids and versions are kept as they were.
     * Registrations may come in any order (e.g. from several partitions); a version read again
     * replaces the one read before, as log compaction would.
     */
    public synchronized void restore(Registered registered) {
        List<Registered> versions = subjects.get(registered.subject());
        if (versions != null) {
            versions.removeIf(r -> r.version() == registered.version());
        }
        apply(registered);
    }

    private void apply(Registered r) {
        byId.put(r.id(), r.schema());
        idByCanonical.put(canonical(r.schema()), r.id());
        List<Registered> versions = subjects.computeIfAbsent(r.subject(), s -> new ArrayList<>());
        int at = 0;
        while (at < versions.size() && versions.get(at).version() < r.version()) {
            at++;
        }
        versions.add(at, r);
        nextId = Math.max(nextId, r.id() + 1);
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = byId.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    public synchronized Optional<Registered> latest(String subject) {
        List<Registered> versions = subjects.get(subject);
        return versions == null || versions.isEmpty()
                ? Optional.empty()
                : Optional.of(versions.get(versions.size() - 1));
    }

    public synchronized Optional<Registered> version(String subject, int version) {
        List<Registered> versions = subjects.getOrDefault(subject, List.of());
        return versions.stream().filter(r -> r.version() == version).findFirst();
    }

    /** The version of {@code subject} that holds {@code schema}, if it was registered there. */
    public synchronized Optional<Registered> lookup(String subject, Schema schema) {
        String canonical = canonical(schema);
        return subjects.getOrDefault(subject, List.of()).stream()
                .filter(r -> canonical(r.schema()).equals(canonical))
                .findFirst();
    }

    public synchronized List<String> subjects() {
        return subjects.keySet().stream().sorted().toList();
    }

    public synchronized List<Integer> versions(String subject) {
        return subjects.getOrDefault(subject, List.of()).stream().map(Registered::version).toList();
    }

    /**
     * Whether {@code candidate} may follow the latest schema of {@code subject} (BACKWARD: the
     * candidate, as reader, can read what the latest wrote).
     */
    public synchronized boolean isCompatibleWithLatest(String subject, Schema candidate) {
        return latest(subject).map(l -> incompatibility(candidate, l.schema()) == null).orElse(true);
    }

    /** Why {@code reader} cannot read what {@code writer} wrote, or null if it can. */
    static String incompatibility(Schema reader, Schema writer) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return null;
        }
        return result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                .reduce((a, b) -> a + "; " + b)
                .orElse(result.getDescription());
    }

    private static String canonical(Schema schema) {
        return schema.toString();
    }
}
