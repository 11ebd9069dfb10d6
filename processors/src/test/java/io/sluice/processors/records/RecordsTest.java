package io.sluice.processors.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiRequest;
import io.sluice.avro.AuditAction;
import io.sluice.avro.ReplyAddress;
import io.sluice.avro.ReplyKind;
import io.sluice.avro.ResponseStatus;
import io.sluice.processors.provider.TestRequests;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordsTest {
    private static final Instant COMPLETED = TestRequests.RECEIVED_AT.plusSeconds(2);

    private final AiRequest request = TestRequests.request("req-1", "what is the time").setUser("u-42")
            .setReplyTo(new ReplyAddress("sluice.replies", 2)).build();

    @Test
    void auditEventOfARequestHasADeterministicIdAndNoPromptText() {
        var event = AuditEvents.forRequest(request, "gateway", AuditAction.ACCEPTED, COMPLETED).build();

        assertThat(event.getEventId()).isEqualTo("req-1:ACCEPTED");
        assertThat(event.getTenantId()).isEqualTo("acme");
        assertThat(event.getAppId()).isEqualTo("web");
        assertThat(event.getApiKeyId()).isEqualTo("acme-web");
        assertThat(event.getUser()).isEqualTo("u-42");
        assertThat(event.getStage()).isEqualTo("gateway");
        assertThat(event.getRequestedModel()).isEqualTo("gpt-4o-mini");
        assertThat(event.getTimestamp()).isEqualTo(COMPLETED);
        assertThat(event.getOutcome()).isFalse();
        assertThat(event.getDetails()).isEmpty();
        assertThat(event.toString()).doesNotContain("what is the time");
    }

    @Test
    void responseBaseCarriesTheRequestsIdsReplyAddressAndTimings() {
        var response = Responses.base(request, COMPLETED).setStatus(ResponseStatus.REJECTED).build();

        assertThat(response.getRequestId()).isEqualTo("req-1");
        assertThat(response.getTenantId()).isEqualTo("acme");
        assertThat(response.getModel()).isEqualTo("gpt-4o-mini");
        assertThat(response.getReplyTo()).isEqualTo(new ReplyAddress("sluice.replies", 2));
        assertThat(response.getChoices()).isEmpty();
        assertThat(response.getCreated()).isEqualTo(COMPLETED.getEpochSecond());
        assertThat(response.getTimings().getReceivedAt()).isEqualTo(TestRequests.RECEIVED_AT);
        assertThat(response.getTimings().getCompletedAt()).isEqualTo(COMPLETED);
    }

    @Test
    void finalReplyIsKeyedByTheRequestAndCarriesTheResponse() {
        var response = Responses.base(request, COMPLETED).setStatus(ResponseStatus.SUCCESS).build();

        var reply = Replies.finalReply(response);

        assertThat(reply.getRequestId()).isEqualTo("req-1");
        assertThat(reply.getKind()).isEqualTo(ReplyKind.FINAL);
        assertThat(reply.getSequence()).isZero();
        assertThat(reply.getResponse()).isEqualTo(response);
    }

    @Test
    void chunkIsNumberedFromOneAndCarriesItsDelta() {
        AiReply chunk = Replies.chunk("req-1", 1, "Hel", "m-2025");

        assertThat(chunk.getKind()).isEqualTo(ReplyKind.CHUNK);
        assertThat(chunk).extracting(AiReply::getRequestId, AiReply::getSequence, AiReply::getDelta,
                AiReply::getResponseModel, AiReply::getResponse).containsExactly("req-1", 1, "Hel", "m-2025", null);
        assertThatThrownBy(() -> Replies.chunk("req-1", 0, "x", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
