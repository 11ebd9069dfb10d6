package io.sluice.ingress;

import io.sluice.avro.AuditEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/** Where feedback goes: an audit event on {@code audit.raw}, acknowledged by every in-sync replica. */
interface FeedbackRecorder extends AutoCloseable {
    /** Completes when the event is stored, or exceptionally when it was not. */
    CompletableFuture<Void> record(AuditEvent event);

    @Override
    void close();

    /** A recorder that records nothing: every piece of feedback fails (the handler answers 503). */
    static FeedbackRecorder unavailable() {
        return new FeedbackRecorder() {
            @Override
            public CompletableFuture<Void> record(AuditEvent event) {
                return CompletableFuture.failedFuture(new IllegalStateException("this ingress records no feedback"));
            }

            @Override
            public void close() {
            }
        };
    }

    static FeedbackRecorder kafka(Map<String, Object> clientProps, String topic, Serializer<String> keys,
            Serializer<AuditEvent> values) {
        Producer<String, AuditEvent> producer = new KafkaProducer<>(KafkaClientConfigs.producer(clientProps, 16 * 1024),
                keys, values);
        return new FeedbackRecorder() {
            @Override
            public CompletableFuture<Void> record(AuditEvent event) {
                var done = new CompletableFuture<Void>();
                try {
                    producer.send(new ProducerRecord<>(topic, event.getTenantId(), event), (metadata, error) -> {
                        if (error != null) {
                            done.completeExceptionally(error);
                        } else {
                            done.complete(null);
                        }
                    });
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
                return done;
            }

            @Override
            public void close() {
                producer.close(Duration.ofSeconds(5));
            }
        };
    }
}
