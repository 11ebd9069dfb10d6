package io.sluice.processors.gateway;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiResponse;
import io.sluice.avro.ReplyKind;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Timings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Turns a rejection into the request's final response and the reply its requester waits for. */
final class Rejections {
    private final Clock clock;

    Rejections(Clock clock) {
        this.clock = clock;
    }

    AiResponse response(Decision.Rejected rejected) {
        var request = rejected.request();
        Instant now = clock.instant();
        return AiResponse.newBuilder()
                .setRequestId(request.getRequestId())
                .setTenantId(request.getTenantId())
                .setAppId(request.getAppId())
                .setApiKeyId(request.getApiKeyId())
                .setStatus(ResponseStatus.REJECTED)
                .setModel(request.getModel() == null ? "" : request.getModel())
                .setCreated(now.getEpochSecond())
                .setChoices(List.of())
                .setError(rejected.error())
                .setReplyTo(request.getReplyTo())
                .setTimings(Timings.newBuilder()
                        .setReceivedAt(request.getReceivedAt())
                        .setCompletedAt(now)
                        .build())
                .build();
    }

    static AiReply reply(AiResponse response) {
        return AiReply.newBuilder()
                .setRequestId(response.getRequestId())
                .setKind(ReplyKind.FINAL)
                .setResponse(response)
                .build();
    }
}
