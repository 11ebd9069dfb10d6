package io.sluice.processors.invoker;

import static io.sluice.processors.invoker.InvokerHarness.P0;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiRequest;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Invocation;
import io.sluice.avro.OutputFilter;
import io.sluice.avro.ReplyKind;
import io.sluice.avro.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The answer's filter: the model's own personal data masked, the requester's placeholders put back. */
class InvokerOutputFilterTest {
    private static final String PROMPT = "Reply to [EMAIL_1] and copy bob.jones@corp-mail.example please";
    private static final String FILTERED = "Reply to ana.lopez@example.org and copy [EMAIL] please";

    private InvokerHarness harness;

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static Invocation filtered(String requestId, String model, boolean stream) {
        Invocation invocation = TestInvocations.invocation(requestId, "local", model);
        AiRequest request = AiRequest.newBuilder(invocation.getRequest())
                .setMessages(List.of(new ChatMessage(Role.USER, PROMPT, null)))
                .setStream(stream)
                .build();
        return Invocation.newBuilder(invocation).setRequest(request)
                .setOutput(OutputFilter.newBuilder().setAction("MASK").setStyle("REDACT")
                        .setRestore(Map.of("[EMAIL_1]", "ana.lopez@example.org")).build())
                .build();
    }

    @Test
    void aWholeAnswerIsMaskedThenRestoredAndTheFindingsAudited() {
        harness = InvokerHarness.stepped(16, true, Duration.ofSeconds(10), P0);
        harness.add(P0, 0, filtered("req-1", "mock-echo", false));
        harness.turns(3);

        assertThat(harness.response("req-1").getChoices().get(0).getMessage().getContent()).isEqualTo(FILTERED);
        AuditEvent sanitized = harness.audits().stream().filter(e -> e.getAction() == AuditAction.SANITIZED)
                .findFirst().orElseThrow();
        assertThat(sanitized.getDetails()).containsKey("output.pii.EMAIL.pii.email");
        assertThat(sanitized.toString()).doesNotContain("bob.jones").doesNotContain("ana.lopez");
    }

    @Test
    void aStreamedAnswerIsFilteredChunkByChunkAndAddsUpToTheWholeOne() {
        harness = InvokerHarness.stepped(16, true, Duration.ofSeconds(10), P0);
        harness.add(P0, 0, filtered("req-1", "mock-echo", true));
        harness.turns(4);

        List<AiReply> replies = harness.replies();
        String streamed = replies.stream().filter(r -> r.getKind() == ReplyKind.CHUNK).map(AiReply::getDelta)
                .collect(Collectors.joining());
        assertThat(streamed).isEqualTo(FILTERED);
        assertThat(replies).last().extracting(AiReply::getKind).isEqualTo(ReplyKind.FINAL);
        assertThat(harness.response("req-1").getChoices().get(0).getMessage().getContent()).isEqualTo(FILTERED);
    }
}
