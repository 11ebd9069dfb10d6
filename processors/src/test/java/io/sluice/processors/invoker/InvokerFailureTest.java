package io.sluice.processors.invoker;

import static io.sluice.processors.invoker.InvokerHarness.P0;
import static io.sluice.processors.invoker.TestInvocations.invocation;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiResponse;
import io.sluice.schemas.Telemetry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Records the invoker cannot read, and produces that fail. */
class InvokerFailureTest {
    private InvokerHarness harness;

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicBeforeTheirOffsetsAreCommitted() {
        harness = InvokerHarness.stepped(16, false, Duration.ofSeconds(10), P0);
        harness.add(P0, 0, "not avro".getBytes(StandardCharsets.UTF_8));
        harness.add(P0, 1, (byte[]) null);
        harness.add(P0, 2, invocation("req-1", "local", "mock-echo"));

        harness.turns(3);

        assertThat(harness.sent("sluice.dlq")).extracting(ProducerRecord::value)
                .containsExactly("not avro".getBytes(StandardCharsets.UTF_8), null);
        assertThat(harness.sent("sluice.dlq")).allSatisfy(letter -> {
            assertThat(letter.key()).isEqualTo("acme".getBytes(StandardCharsets.UTF_8));
            assertThat(header(letter, DeadLetters.SOURCE_TOPIC)).isEqualTo("sluice.invocations");
            assertThat(letter.headers().lastHeader(DeadLetters.ERROR_CLASS)).isNotNull();
        });
        assertThat(harness.sent("sluice.dlq")).extracting(letter -> header(letter, DeadLetters.SOURCE_OFFSET))
                .containsExactly("0", "1");
        assertThat(harness.committed(P0)).as("the dead letters are not acknowledged yet").isEqualTo(-1);

        harness.acknowledgeAll();
        harness.turn();

        assertThat(harness.committed(P0)).isEqualTo(3);
        assertThat(harness.responses()).extracting(AiResponse::getRequestId).containsExactly("req-1");
        assertThat(harness.meters.get(Telemetry.INVOKER_POISON_RECORDS).tag(Telemetry.TAG_TOPIC, "sluice.invocations")
                .counter().count()).isEqualTo(2);
        assertThat(harness.invoker.failure()).isEmpty();
    }

    @Test
    void aFailedDeadLetterStopsTheInvokerWithoutCommittingTheRecord() {
        harness = InvokerHarness.stepped(16, false, Duration.ofSeconds(10), P0);
        harness.add(P0, 0, "not avro".getBytes(StandardCharsets.UTF_8));
        harness.turn();

        harness.producer.errorNext(new KafkaException("dlq gone"));
        harness.turns(2);

        assertThat(harness.invoker.failure()).get().extracting(Throwable::getMessage).isEqualTo("dlq gone");
        assertThat(harness.committed(P0)).isEqualTo(-1);
    }

    /** req-1 answered by the mock: INVOKED, the response and RESPONDED sent, the reply too, none acknowledged. */
    private void givenAnAnsweredInvocationNotYetAcknowledged() {
        harness = InvokerHarness.stepped(16, false, Duration.ofSeconds(10), P0);
        harness.add(P0, 0, invocation("req-1", "local", "mock-echo"));
        harness.turns(2);
        assertThat(harness.producer.history()).hasSize(3);
        assertThat(harness.replyProducer.history()).hasSize(1);
    }

    @Test
    void aFailedProduceStopsTheInvokerWithoutCommittingTheRecord() {
        givenAnAnsweredInvocationNotYetAcknowledged();

        harness.producer.errorNext(new KafkaException("broker gone"));
        harness.acknowledgeAll();
        harness.turns(2);

        assertThat(harness.invoker.failure()).get().extracting(Throwable::getMessage).isEqualTo("broker gone");
        assertThat(harness.committed(P0)).isEqualTo(-1);
    }

    @Test
    void anUndeliverableReplyIsGivenUpWithoutStoppingTheInvoker() {
        givenAnAnsweredInvocationNotYetAcknowledged();

        harness.replyProducer.errorNext(new KafkaException("no such reply topic"));
        harness.acknowledgeAll();
        harness.turn();

        assertThat(harness.committed(P0)).isEqualTo(1);
        assertThat(harness.invoker.failure()).isEmpty();
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
