package io.sluice.processors.invoker;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the dead-letter record of a record the invoker cannot read: its key and value bytes as
 * they were, its headers, and headers saying what failed and where the record came from.
 */
final class DeadLetters {
    static final String ERROR_CLASS = "sluice.error.class";
    static final String ERROR_MESSAGE = "sluice.error.message";
    static final String SOURCE_TOPIC = "sluice.source.topic";
    static final String SOURCE_PARTITION = "sluice.source.partition";
    static final String SOURCE_OFFSET = "sluice.source.offset";
    /** Error messages are cut to this many characters. */
    static final int MAX_MESSAGE_CHARS = 500;

    private DeadLetters() {}

    static ProducerRecord<byte[], byte[]> record(String topic, ConsumerRecord<byte[], byte[]> source, Exception error) {
        var headers = new RecordHeaders();
        for (Header header : source.headers()) {
            headers.add(header);
        }
        headers.add(ERROR_CLASS, utf8(error.getClass().getName()));
        headers.add(ERROR_MESSAGE, utf8(message(error)));
        headers.add(SOURCE_TOPIC, utf8(source.topic()));
        headers.add(SOURCE_PARTITION, utf8(String.valueOf(source.partition())));
        headers.add(SOURCE_OFFSET, utf8(String.valueOf(source.offset())));
        return new ProducerRecord<>(topic, null, source.key(), source.value(), headers);
    }

    private static String message(Exception error) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
