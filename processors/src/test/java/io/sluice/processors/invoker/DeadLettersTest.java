package io.sluice.processors.invoker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void deadLetterKeepsTheBytesAndHeadersAndSaysWhatFailedWhere() {
        var headers = new RecordHeaders().add("traceparent", bytes("00-abc-01"));
        var source = new ConsumerRecord<>("sluice.invocations", 3, 42L, 0L, TimestampType.CREATE_TIME, 4, 8,
                bytes("acme"), bytes("not avro"), headers, Optional.empty());

        var letter = DeadLetters.record("sluice.dlq", source, new SerializationException("unknown magic byte"));

        assertThat(letter.topic()).isEqualTo("sluice.dlq");
        assertThat(letter.partition()).as("partitioned by the original key").isNull();
        assertThat(letter.key()).isEqualTo(bytes("acme"));
        assertThat(letter.value()).isEqualTo(bytes("not avro"));
        assertThat(header(letter.headers().lastHeader("traceparent"))).isEqualTo("00-abc-01");
        assertThat(header(letter.headers().lastHeader(DeadLetters.ERROR_CLASS)))
                .isEqualTo(SerializationException.class.getName());
        assertThat(header(letter.headers().lastHeader(DeadLetters.ERROR_MESSAGE))).isEqualTo("unknown magic byte");
        assertThat(header(letter.headers().lastHeader(DeadLetters.SOURCE_TOPIC))).isEqualTo("sluice.invocations");
        assertThat(header(letter.headers().lastHeader(DeadLetters.SOURCE_PARTITION))).isEqualTo("3");
        assertThat(header(letter.headers().lastHeader(DeadLetters.SOURCE_OFFSET))).isEqualTo("42");
    }

    @Test
    void longErrorMessagesAreCut() {
        var source = new ConsumerRecord<byte[], byte[]>("sluice.invocations", 0, 0L, null, null);

        var letter = DeadLetters.record("sluice.dlq", source, new SerializationException("x".repeat(2000)));

        assertThat(header(letter.headers().lastHeader(DeadLetters.ERROR_MESSAGE)))
                .hasSize(DeadLetters.MAX_MESSAGE_CHARS);
        assertThat(letter.value()).isNull();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(Header header) {
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
