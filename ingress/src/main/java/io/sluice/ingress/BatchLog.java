package io.sluice.ingress;

import io.sluice.avro.BatchAction;
import io.sluice.avro.BatchCommand;
import io.sluice.avro.BatchState;
import io.sluice.schemas.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Writes the batch coordinator's commands ({@code batch.commands}, keyed by tenant). A batch and
 * all its lines go in one transaction, so the coordinator sees the whole file or nothing of it;
 * the coordinator reads with {@code read_committed} (exactly once). Blocking and one writer at a
 * time: call from the batch thread.
 */
final class BatchLog implements AutoCloseable {
    private static final Duration BLOCK = Duration.ofSeconds(30);

    private final Topic<String, BatchCommand> topic;
    private final Producer<String, BatchCommand> producer;

    BatchLog(Topic<String, BatchCommand> topic, Map<String, ?> clientProps, int maxRecordBytes) {
        this.topic = topic;
        Map<String, Object> props = KafkaClientConfigs.producer(clientProps, maxRecordBytes);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) BLOCK.toMillis());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "sluice-ingress-batches");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sluice-ingress-batches-" + UUID.randomUUID());
        this.producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
        producer.initTransactions();
    }

    /** Sends CREATE for {@code batch}, then {@code lines}, atomically; returns once committed. */
    synchronized void create(BatchState batch, List<BatchCommand> lines) {
        var create = BatchCommand.newBuilder().setBatchId(batch.getBatchId()).setTenantId(batch.getTenantId())
                .setAction(BatchAction.CREATE).setAt(batch.getCreatedAt()).setBatch(batch).build();
        try {
            producer.beginTransaction();
            send(create);
            lines.forEach(this::send);
            producer.commitTransaction();
        } catch (KafkaException e) {
            producer.abortTransaction();
            throw new RequestSubmitter.SubmitException("the batch commands topic did not accept a batch", e);
        }
    }

    /** Sends CANCEL for a batch of {@code tenant}. */
    synchronized void cancel(String tenant, String batchId, Instant at) {
        try {
            producer.beginTransaction();
            send(BatchCommand.newBuilder().setBatchId(batchId).setTenantId(tenant).setAction(BatchAction.CANCEL)
                    .setAt(at).build());
            producer.commitTransaction();
        } catch (KafkaException e) {
            producer.abortTransaction();
            throw new RequestSubmitter.SubmitException("the batch commands topic did not accept a cancel", e);
        }
    }

    private void send(BatchCommand command) {
        producer.send(new ProducerRecord<>(topic.name(), command.getTenantId(), command));
    }

    @Override
    public synchronized void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
