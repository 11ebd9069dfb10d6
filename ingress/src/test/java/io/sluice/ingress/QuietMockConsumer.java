package io.sluice.ingress;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;

/** Kafka's {@link MockConsumer}, pausing briefly on empty polls so a listener thread does not spin. */
final class QuietMockConsumer extends MockConsumer<byte[], byte[]> {
    QuietMockConsumer() {
        super("latest");
    }

    @Override
    public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
        if (records.isEmpty()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return records;
    }
}
