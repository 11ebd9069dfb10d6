package io.sluice.ingress;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Choice;
import io.sluice.avro.ErrorInfo;
import io.sluice.avro.ReplyKind;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Role;
import io.sluice.avro.Timings;
import io.sluice.avro.Usage;
import java.time.Instant;
import java.util.List;

/** Replies as the pipeline would produce them. */
final class Replies {
    static final long CREATED = 1_772_360_131L;

    private Replies() {
    }

    static AiResponse.Builder response(String requestId, ResponseStatus status) {
        return AiResponse.newBuilder()
                .setRequestId(requestId)
                .setTenantId("acme")
                .setStatus(status)
                .setModel("mock-echo")
                .setCreated(CREATED)
                .setTimings(Timings.newBuilder().setReceivedAt(Instant.EPOCH).setCompletedAt(Instant.EPOCH).build());
    }

    static AiResponse success(String requestId, String content) {
        return response(requestId, ResponseStatus.SUCCESS)
                .setResponseModel("mock-echo-2026")
                .setChoices(List.of(Choice.newBuilder()
                        .setIndex(0)
                        .setMessage(ChatMessage.newBuilder().setRole(Role.ASSISTANT).setContent(content).build())
                        .setFinishReason("stop")
                        .build()))
                .setUsage(Usage.newBuilder().setPromptTokens(5).setCompletionTokens(7).setTotalTokens(12)
                        .setCachedPromptTokens(2).build())
                .setProvider("mock")
                .setDeployment("mock-local")
                .build();
    }

    static AiResponse rejected(String requestId, int status, String type, String code, Long retryAfter) {
        return response(requestId, ResponseStatus.REJECTED)
                .setError(ErrorInfo.newBuilder().setHttpStatus(status).setType(type).setCode(code)
                        .setMessage("Rate limit reached for tenant acme.").setRetryAfterSeconds(retryAfter).build())
                .build();
    }

    static AiReply finalReply(AiResponse response) {
        return AiReply.newBuilder().setRequestId(response.getRequestId()).setKind(ReplyKind.FINAL)
                .setResponse(response).build();
    }

    static AiReply chunk(String requestId, int sequence, String delta) {
        return AiReply.newBuilder().setRequestId(requestId).setKind(ReplyKind.CHUNK).setSequence(sequence)
                .setDelta(delta).setResponseModel(sequence == 1 ? "mock-echo-2026" : null).build();
    }

    static AiReply successFor(AiRequest request, String content) {
        return finalReply(success(request.getRequestId(), content));
    }
}
