package io.sluice.processors.invoker;

import static io.sluice.processors.invoker.InvokerHarness.CLOCK;
import static io.sluice.processors.invoker.InvokerHarness.P0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Choice;
import io.sluice.avro.Invocation;
import io.sluice.avro.ReplyKind;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Role;
import io.sluice.processors.provider.ProviderResult.Completion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streamed requests: CHUNK replies as the provider delivers, then the usual outcome. */
class InvokerStreamingTest {
    private InvokerHarness harness;

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static Invocation streamed(String requestId, String deployment, String model, boolean withReplyTo) {
        Invocation invocation = TestInvocations.invocation(requestId, deployment, model);
        AiRequest.Builder request = AiRequest.newBuilder(invocation.getRequest()).setStream(true);
        if (!withReplyTo) {
            request.setReplyTo(null);
        }
        return Invocation.newBuilder(invocation).setRequest(request.build()).build();
    }

    private static String chunkText(List<AiReply> replies) {
        return replies.stream().filter(reply -> reply.getKind() == ReplyKind.CHUNK).map(AiReply::getDelta)
                .collect(Collectors.joining());
    }

    @Test
    void chunksComeInOrderWithSequenceNumbersThenTheFinalReplyWithTheWholeText() {
        harness = InvokerHarness.stepped(16, true, Duration.ofSeconds(10), P0);
        harness.add(P0, 0, streamed("req-1", "local", "mock-echo", true));

        harness.turns(3);

        List<AiReply> replies = harness.replies();
        assertThat(replies).extracting(AiReply::getKind, AiReply::getSequence, AiReply::getDelta,
                AiReply::getResponseModel).containsExactly(
                tuple(ReplyKind.CHUNK, 1, "what ", "mock-echo"),
                tuple(ReplyKind.CHUNK, 2, "is ", null),
                tuple(ReplyKind.CHUNK, 3, "the ", null),
                tuple(ReplyKind.CHUNK, 4, "time", null),
                tuple(ReplyKind.FINAL, 0, null, null));
        assertThat(harness.replyProducer.history()).allSatisfy(record -> {
            assertThat(record.topic()).isEqualTo("sluice.replies");
            assertThat(record.partition()).isEqualTo(2);
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("req-1");
        });
        AiResponse response = harness.response("req-1");
        assertThat(replies.get(4).getResponse()).isEqualTo(response);
        assertThat(response.getStatus()).isEqualTo(ResponseStatus.SUCCESS);
        assertThat(response.getChoices().get(0).getMessage().getContent()).isEqualTo(chunkText(replies));
        assertThat(response.getTimings().getFirstByteAt()).isEqualTo(CLOCK.instant());
        assertThat(harness.audits()).filteredOn(audit -> audit.getAction() == AuditAction.RESPONDED)
                .singleElement().extracting(AuditEvent::getCompletionTokens).isEqualTo(4);
        assertThat(harness.committed(P0)).isEqualTo(1);
    }

    @Test
    void aStreamThatBreaksGivesItsChunksThenAFinalReplyWithTheError() {
        harness = InvokerHarness.stepped(16, true, Duration.ofSeconds(10), P0);
        harness.add(P0, 0, streamed("req-1", "local", "mock-stream-error", true));

        harness.turns(3);

        List<AiReply> replies = harness.replies();
        assertThat(replies).extracting(AiReply::getKind, AiReply::getSequence, AiReply::getDelta)
                .containsExactly(tuple(ReplyKind.CHUNK, 1, "what "), tuple(ReplyKind.CHUNK, 2, "is "),
                        tuple(ReplyKind.FINAL, 0, null));
        AiResponse response = replies.get(2).getResponse();
        assertThat(response.getStatus()).isEqualTo(ResponseStatus.ERROR);
        assertThat(response.getError().getHttpStatus()).isEqualTo(502);
        assertThat(response.getError().getType()).isEqualTo("upstream_error");
        assertThat(response.getTimings().getFirstByteAt()).isNotNull();
    }

    @Test
    void aRequestWithoutAReplyAddressStreamsNothingButIsAnswered() {
        harness = InvokerHarness.stepped(16, true, Duration.ofSeconds(10), P0);
        harness.add(P0, 0, streamed("req-1", "local", "mock-echo", false));

        harness.turns(3);

        assertThat(harness.replyProducer.history()).isEmpty();
        assertThat(harness.response("req-1").getChoices().get(0).getMessage().getContent())
                .isEqualTo("what is the time");
        assertThat(harness.committed(P0)).isEqualTo(1);
    }

    @Test
    void chunksFollowTheProviderAsItDeliversAndNoneAfterTheFinalReply() {
        harness = InvokerHarness.stepped(16, true, Duration.ofSeconds(10), P0);
        harness.add(P0, 0, streamed("req-1", "manual", "m", true));
        harness.turn();
        var call = harness.manual.calls.get(0);
        assertThat(call.sink()).as("a streamed request is streamed").isNotNull();

        call.sink().model("m-2025");
        call.sink().delta("Hel");
        harness.turn();
        assertThat(harness.replies()).extracting(AiReply::getSequence, AiReply::getDelta, AiReply::getResponseModel)
                .containsExactly(tuple(1, "Hel", "m-2025"));

        call.sink().delta("lo");
        call.future().complete(completion("Hello"));
        harness.turn();
        call.sink().delta("late");
        harness.turns(2);

        assertThat(harness.replies()).extracting(AiReply::getKind, AiReply::getDelta).containsExactly(
                tuple(ReplyKind.CHUNK, "Hel"), tuple(ReplyKind.CHUNK, "lo"), tuple(ReplyKind.FINAL, null));
        assertThat(harness.committed(P0)).isEqualTo(1);
    }

    @Test
    void anUnstreamedRequestIsNotStreamed() {
        harness = InvokerHarness.stepped(16, true, Duration.ofSeconds(10), P0);
        harness.addManualCalls(P0, 1);
        harness.turn();

        assertThat(harness.manual.calls.get(0).sink()).isNull();
        harness.manual.answer(0);
        harness.turns(2);

        assertThat(harness.replies()).extracting(AiReply::getKind).containsExactly(ReplyKind.FINAL);
        assertThat(harness.response("req-1").getTimings().getFirstByteAt()).isNull();
    }

    private static Completion completion(String text) {
        var message = ChatMessage.newBuilder().setRole(Role.ASSISTANT).setContent(text).build();
        return new Completion("m-2025", null,
                List.of(Choice.newBuilder().setIndex(0).setMessage(message).setFinishReason("stop").build()), null);
    }

}
