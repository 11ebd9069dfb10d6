package io.sluice.ingress;

import io.sluice.avro.TenantKey;
import io.sluice.avro.TenantRecord;
import io.sluice.schemas.topic.Topic;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenants, apps and keys created through the admin API, read from the compacted
 * {@code tenants} topic from its beginning and followed (about twice a second), so that a key
 * created, rotated or revoked on any ingress opens or stops opening requests on every ingress
 * within seconds. Looks keys up by the hash of their secret: the current hash of every key not
 * revoked, and a rotated key's previous hash until its grace period ends (by the clock).
 *
 * <p>A tenant's newest record is its whole state; one with an older {@code updatedAt} than the
 * state held is ignored, so the admin API's own write-through ({@link #apply}) is not undone by the
 * reader catching up.
 */
final class TenantDirectory implements KeyDirectory, TenantAdmin.Tenants, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TenantDirectory.class);

    /** A key as one of its hashes opens it: until {@code until}, or for as long as it stands when null. */
    private record Opening(ApiKey key, Instant until) {
    }

    private final Map<String, TenantRecord> tenants = new ConcurrentHashMap<>();
    private volatile Map<ByteBuffer, Opening> byHash = Map.of();
    private final Topic<String, TenantRecord> topic;
    private final Clock clock;
    private final Map<String, Object> clientProps;
    private TopicTail tail;

    TenantDirectory(Topic<String, TenantRecord> topic, Map<String, ?> clientProps, Clock clock) {
        this.topic = topic;
        this.clock = clock;
        this.clientProps = Map.copyOf(clientProps);
    }

    /** Starts reading the topic from its beginning, on a thread of its own. */
    synchronized void start() {
        tail = new TopicTail("sluice-ingress-tenants", topic.name(), clientProps, () -> Instant.EPOCH,
                records -> records.forEach(this::read));
        tail.start();
    }

    @Override
    public Optional<ApiKey> find(ByteBuffer sha256) {
        Opening opening = byHash.get(sha256);
        if (opening == null || opening.until() != null && !clock.instant().isBefore(opening.until())) {
            return Optional.empty();
        }
        return Optional.of(opening.key());
    }

    @Override
    public Optional<TenantRecord> tenant(String id) {
        return Optional.ofNullable(tenants.get(id));
    }

    /** Every tenant, by id. */
    @Override
    public List<TenantRecord> tenants() {
        return tenants.values().stream().sorted(Comparator.comparing(TenantRecord::getTenantId)).toList();
    }

    /** Waits until everything the topic held when reading began has been read; false if not within {@code limit}. */
    @Override
    public boolean awaitCaughtUp(Duration limit) throws InterruptedException {
        TopicTail reader;
        synchronized (this) {
            reader = tail;
        }
        return reader != null && reader.awaitCaughtUp(limit);
    }

    /** Takes {@code record} as its tenant's state unless a newer one is held. */
    @Override
    public synchronized void apply(TenantRecord record) {
        TenantRecord held = tenants.get(record.getTenantId());
        if (held != null && record.getUpdatedAt().isBefore(held.getUpdatedAt())) {
            return;
        }
        tenants.put(record.getTenantId(), record);
        reindex();
    }

    private void reindex() {
        Map<ByteBuffer, Opening> index = new HashMap<>();
        for (TenantRecord tenant : tenants.values()) {
            for (TenantKey key : tenant.getKeys()) {
                if (key.getRevokedAt() != null) {
                    continue;
                }
                ApiKey apiKey = apiKey(tenant.getTenantId(), key);
                index.put(ByteBuffer.wrap(apiKey.sha256()), new Opening(apiKey, null));
                if (key.getPreviousSha256() != null && key.getPreviousValidUntil() != null) {
                    index.putIfAbsent(ByteBuffer.wrap(HexFormat.of().parseHex(key.getPreviousSha256())),
                            new Opening(apiKey, key.getPreviousValidUntil()));
                }
            }
        }
        byHash = Map.copyOf(index);
    }

    private static ApiKey apiKey(String tenant, TenantKey key) {
        return new ApiKey(key.getKeyId(), tenant, key.getAppId(), HexFormat.of().parseHex(key.getSha256()),
                IpRanges.none(), java.util.Set.copyOf(key.getAllowedModels()));
    }

    private void read(ConsumerRecord<byte[], byte[]> record) {
        try {
            if (record.value() == null) {
                String key = topic.keySerde().deserializer().deserialize(record.topic(), record.key());
                synchronized (this) {
                    tenants.remove(key);
                    reindex();
                }
                return;
            }
            apply(topic.valueSerde().deserializer().deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            log.warn("tenants.unreadable_record offset={} error={}", record.offset(), e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (tail != null) {
            tail.close();
        }
    }
}
