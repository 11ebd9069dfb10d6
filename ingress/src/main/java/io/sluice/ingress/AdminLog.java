package io.sluice.ingress;

import io.sluice.avro.AuditEvent;
import io.sluice.avro.ModelRecord;
import io.sluice.avro.PromptRecord;
import io.sluice.avro.TenantRecord;
import io.sluice.schemas.topic.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Where an admin operation is stored: the tenant's, model's or prompt's new state, then its audit event, both acknowledged by every in-sync replica. */
interface AdminLog extends AutoCloseable {
    /** Blocks until both are stored; throws when either was not. Never called on an event loop. */
    void write(TenantRecord tenant, AuditEvent event) throws Exception;

    /** Blocks until the model's new state and its audit event are both stored; throws when either was not. */
    default void write(ModelRecord model, AuditEvent event) throws Exception {
        throw new IllegalStateException("this ingress stores no model registry changes");
    }

    /** Blocks until the prompt's new state and its audit event are both stored; throws when either was not. */
    default void write(PromptRecord prompt, AuditEvent event) throws Exception {
        throw new IllegalStateException("this ingress stores no prompts");
    }

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
            Topic<String, ModelRecord> models, Topic<String, PromptRecord> prompts, Topic<String, AuditEvent> auditRaw) {
        Duration ack = Duration.ofSeconds(15);
        Map<String, Object> props = KafkaClientConfigs.producer(clientProps, 64 * 1024);
        // the admin thread may wait for a topic's metadata (the first write to it), unlike an event loop
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) ack.toMillis());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "sluice-ingress-admin");
        var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        return new AdminLog() {
            @Override
            public void write(TenantRecord tenant, AuditEvent event) throws ExecutionException, InterruptedException,
                    java.util.concurrent.TimeoutException {
                both(send(tenants, tenant.getTenantId(), tenant), event);
            }

            @Override
            public void write(ModelRecord model, AuditEvent event) throws ExecutionException, InterruptedException,
                    java.util.concurrent.TimeoutException {
                both(send(models, model.getName(), model), event);
            }

            @Override
            public void write(PromptRecord prompt, AuditEvent event) throws ExecutionException, InterruptedException,
                    java.util.concurrent.TimeoutException {
                both(send(prompts, prompt.getName(), prompt), event);
            }

            private void both(Future<RecordMetadata> stored, AuditEvent event) throws ExecutionException,
                    InterruptedException, java.util.concurrent.TimeoutException {
                Future<RecordMetadata> audited = send(auditRaw, event.getTenantId(), event);
                stored.get(ack.toMillis(), TimeUnit.MILLISECONDS);
                audited.get(ack.toMillis(), TimeUnit.MILLISECONDS);
            }

            private <V> Future<RecordMetadata> send(Topic<String, V> topic, String key, V value) {
                return producer.send(new ProducerRecord<>(topic.name(),
                        topic.keySerde().serializer().serialize(topic.name(), key),
                        topic.valueSerde().serializer().serialize(topic.name(), value)));
            }

            @Override
            public void close() {
                producer.close(Duration.ofSeconds(5));
            }
        };
    }
}
