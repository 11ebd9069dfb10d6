package io.sluice.ingress;

import io.sluice.avro.AuditEvent;
import io.sluice.avro.TenantRecord;
import io.sluice.schemas.topic.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Where an admin operation is stored: the tenant's new state, then its audit event, both acknowledged by every in-sync replica. */
interface AdminLog extends AutoCloseable {
    /** Blocks until both are stored; throws when either was not. Never called on an event loop. */
    void write(TenantRecord tenant, AuditEvent event) throws Exception;

    @Override
    default void close() {
    }

    /** Stores nothing: every admin operation fails with 503 (ingress tests with mock Kafka clients). */
    static AdminLog unavailable() {
        return (tenant, event) -> {
            throw new IllegalStateException("this ingress stores no admin operations");
        };
    }

    static AdminLog kafka(Map<String, Object> clientProps, Topic<String, TenantRecord> tenants,
            Topic<String, AuditEvent> auditRaw) {
        var producer = new KafkaProducer<>(KafkaClientConfigs.producer(clientProps, 64 * 1024),
                new ByteArraySerializer(), new ByteArraySerializer());
        Duration ack = Duration.ofSeconds(15);
        return new AdminLog() {
            @Override
            public void write(TenantRecord tenant, AuditEvent event) throws ExecutionException, InterruptedException,
                    java.util.concurrent.TimeoutException {
                Future<RecordMetadata> stored = producer.send(new ProducerRecord<>(tenants.name(),
                        tenants.keySerde().serializer().serialize(tenants.name(), tenant.getTenantId()),
                        tenants.valueSerde().serializer().serialize(tenants.name(), tenant)));
                Future<RecordMetadata> audited = producer.send(new ProducerRecord<>(auditRaw.name(),
                        auditRaw.keySerde().serializer().serialize(auditRaw.name(), event.getTenantId()),
                        auditRaw.valueSerde().serializer().serialize(auditRaw.name(), event)));
                stored.get(ack.toMillis(), TimeUnit.MILLISECONDS);
                audited.get(ack.toMillis(), TimeUnit.MILLISECONDS);
            }

            @Override
            public void close() {
                producer.close(Duration.ofSeconds(5));
            }
        };
    }
}
