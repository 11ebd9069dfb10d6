package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiRequest;
import io.sluice.avro.Cancellation;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import io.sluice.schemas.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Kafka side with Kafka's own mock clients: what is produced, and how replies complete requests. */
class KafkaRequestSubmitterTest {
    private static final int PARTITION = 2;

    private final Topics topics = HttpHarness.topics();
    private final TopicPartition replies = new TopicPartition(topics.replies().name(), PARTITION);
    private final MockProducer<String, AiRequest> producer = new MockProducer<>(false, null, new StringSerializer(),
            topics.requests().valueSerde().serializer());
    private final MockConsumer<byte[], byte[]> consumer = new QuietMockConsumer();
    private final PendingReplies pending = new PendingReplies();
    private final ReplyListener listener =
            new ReplyListener(consumer, replies, topics.replies().valueSerde().deserializer(), pending);
    private final KafkaRequestSubmitter submitter =
            new KafkaRequestSubmitter(producer, topics.requests().name(), pending, listener);

    @AfterEach
    void close() {
        submitter.close();
    }

    private static AiRequest request(String id, String tenant) {
        return AiRequest.newBuilder()
                .setRequestId(id)
                .setTenantId(tenant)
                .setModel("mock-echo")
                .setMessages(List.of(ChatMessage.newBuilder().setRole(Role.USER).setContent("hi").build()))
                .setParams(SamplingParams.newBuilder().build())
                .setReceivedAt(Instant.EPOCH)
                .build();
    }

    private ConsumerRecord<byte[], byte[]> replyRecord(AiReply reply, long offset) {
        byte[] value = topics.replies().valueSerde().serializer().serialize(replies.topic(), reply);
        return new ConsumerRecord<>(replies.topic(), PARTITION, offset, reply.getRequestId().getBytes(), value);
    }

    private static RequestSubmitter.SubmitException failure(CompletableFuture<AiReply> reply) {
        assertThat(reply).isCompletedExceptionally();
        Throwable cause = reply.handle((r, e) -> e).join();
        assertThat(cause).isInstanceOf(RequestSubmitter.SubmitException.class);
        return (RequestSubmitter.SubmitException) cause;
    }

    @Test
    void given_a_request_when_submitted_then_it_is_produced_to_requests_keyed_by_tenant_and_pending() {
        CompletableFuture<AiReply> reply = submitter.submit(request("r1", "acme"), chunk -> { });

        assertThat(producer.history()).hasSize(1);
        assertThat(producer.history().get(0).topic()).isEqualTo("sluice.requests");
        assertThat(producer.history().get(0).key()).isEqualTo("acme");
        assertThat(producer.history().get(0).value().getRequestId()).isEqualTo("r1");
        assertThat(pending.isPending("r1")).isTrue();
        assertThat(reply).isNotDone();
    }

    /** What the broker may answer a write with, and what the client is told: retry later, or fix the request. */
    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(new NotEnoughReplicasException("isr too small"), 503, "server_error", "kafka_unavailable",
                        true),
                Arguments.of(new RecordTooLargeException("the message is 2000000 bytes"), 413, "invalid_request_error",
                        "request_too_large", false));
    }

    @ParameterizedTest(name = "{0} -> {1} {3}")
    @MethodSource("refusals")
    void given_the_broker_refuses_the_write_then_the_client_is_told_why(RuntimeException refusal, int status,
                                                                       String type, String code, boolean retryLater) {
        CompletableFuture<AiReply> reply = submitter.submit(request("r1", "acme"), chunk -> { });

        producer.errorNext(refusal);

        ApiError error = failure(reply).error();
        assertThat(error.status()).isEqualTo(status);
        assertThat(error.type()).isEqualTo(type);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.retryAfterSeconds() != null).as("Retry-After").isEqualTo(retryLater);
        assertThat(pending.isPending("r1")).isFalse();
    }

    @Test
    void given_waiting_requests_when_pending_ones_are_failed_then_each_is_told_503_shutting_down() {
        CompletableFuture<AiReply> reply = submitter.submit(request("r1", "acme"), chunk -> { });
        producer.completeNext();

        submitter.failPending();

        assertThat(failure(reply).error().code()).isEqualTo("shutting_down");
        assertThat(failure(reply).error().status()).isEqualTo(503);
    }

    @Test
    void given_an_acknowledged_request_when_its_final_reply_is_read_then_the_future_completes() throws Exception {
        CompletableFuture<AiReply> reply = submitter.submit(request("r1", "acme"), chunk -> { });
        producer.completeNext();
        AiReply expected = Replies.finalReply(Replies.success("r1", "hello"));

        listener.handle(replyRecord(expected, 10));

        assertThat(reply.get(1, TimeUnit.SECONDS)).isEqualTo(expected);
        assertThat(pending.isPending("r1")).isFalse();
    }

    @Test
    void given_replies_for_unknown_ids_or_garbage_then_pending_requests_are_untouched() {
        List<AiReply> chunks = new ArrayList<>();
        CompletableFuture<AiReply> reply = submitter.submit(request("r1", "acme"), chunks::add);

        listener.handle(replyRecord(Replies.finalReply(Replies.success("someone-else", "x")), 1));
        listener.handle(replyRecord(Replies.chunk("someone-else", 1, "not yours"), 2));
        listener.handle(new ConsumerRecord<>(replies.topic(), PARTITION, 3, null, new byte[] {9, 9, 9}));

        assertThat(reply).isNotDone();
        assertThat(chunks).isEmpty();
        assertThat(pending.isPending("r1")).isTrue();
    }

    @Test
    void given_chunks_then_a_final_when_read_then_the_chunks_reach_the_request_in_order_and_the_final_completes_it() {
        List<AiReply> chunks = new ArrayList<>();
        CompletableFuture<AiReply> reply = submitter.submit(request("r1", "acme"), chunks::add);
        AiReply last = Replies.finalReply(Replies.success("r1", "Hello"));

        listener.handle(replyRecord(Replies.chunk("r1", 1, "Hel"), 1));
        listener.handle(replyRecord(Replies.chunk("r1", 2, "lo"), 2));
        assertThat(reply).isNotDone();
        listener.handle(replyRecord(last, 3));
        listener.handle(replyRecord(Replies.chunk("r1", 3, "after the end"), 4));

        assertThat(chunks).extracting(AiReply::getDelta).containsExactly("Hel", "lo");
        assertThat(reply).isCompletedWithValue(last);
        assertThat(pending.isPending("r1")).isFalse();
    }

    @Test
    void given_a_cancelled_request_when_its_reply_arrives_late_then_it_is_ignored() {
        CompletableFuture<AiReply> reply = submitter.submit(request("r1", "acme"), chunk -> { });
        submitter.cancel("r1", RequestSubmitter.TIMED_OUT);

        listener.handle(replyRecord(Replies.finalReply(Replies.success("r1", "late")), 4));

        assertThat(reply).isCancelled();
    }

    @Test
    void given_a_requester_that_went_away_then_the_invokers_are_told_once_through_the_cancels_topic() {
        var cancels = new MockProducer<String, Cancellation>(true, null, new StringSerializer(),
                topics.cancels().valueSerde().serializer());
        var withCancels = new KafkaRequestSubmitter(producer, topics.requests().name(), pending, listener, cancels,
                topics.cancels().name(), java.time.Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"),
                        java.time.ZoneOffset.UTC));
        withCancels.submit(request("r1", "acme"), chunk -> { });

        withCancels.cancel("r1", RequestSubmitter.CLIENT_CLOSED);
        withCancels.cancel("r1", RequestSubmitter.CLIENT_CLOSED);
        withCancels.cancel("never-submitted", RequestSubmitter.CLIENT_CLOSED);

        assertThat(cancels.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(topics.cancels().name());
            assertThat(record.key()).isEqualTo("r1");
            assertThat(record.value().getReason()).isEqualTo("client_closed");
            assertThat(record.value().getAt()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
        });
    }

    @Test
    void given_a_started_listener_when_a_reply_is_polled_then_the_pending_request_completes() throws Exception {
        consumer.updateEndOffsets(Map.of(replies, 5L));
        listener.positionAtEnd(Duration.ofSeconds(1));
        listener.start();
        CompletableFuture<AiReply> reply = submitter.submit(request("r1", "acme"), chunk -> { });
        AiReply expected = Replies.finalReply(Replies.success("r1", "hello"));

        consumer.schedulePollTask(() -> consumer.addRecord(replyRecord(expected, 5)));

        assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo(expected);
        assertThat(consumer.assignment()).containsExactly(replies);
        assertThat(submitter.replyPartition()).isEqualTo(PARTITION);
        assertThat(submitter.listening()).isTrue();
    }

    @Test
    void given_a_requested_partition_then_it_is_checked_against_the_topic() {
        assertThat(KafkaRequestSubmitter.choosePartition(3, 6, "sluice.replies")).isEqualTo(3);
        assertThat(KafkaRequestSubmitter.choosePartition(null, 6, "sluice.replies")).isBetween(0, 5);
        assertThatThrownBy(() -> KafkaRequestSubmitter.choosePartition(6, 6, "sluice.replies"))
                .hasMessageStartingWith("ingress.reply-partition 6 does not exist");
    }
}
