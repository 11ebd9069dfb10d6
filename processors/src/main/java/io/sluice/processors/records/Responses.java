package io.sluice.processors.records;

import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.Timings;
import java.time.Instant;
import java.util.List;

/** The final responses of requests. */
public final class Responses {
    private Responses() {}

    /**
     * What every final response of {@code request} carries: its ids, the model it asked for, its
     * reply address and batch, the published prompt it was served (if any), no choices, {@code created} and timings from receipt to {@code completedAt}.
     * The caller sets the status and the answer or the error, and may replace the timings with
     * fuller ones.
     */
    public static AiResponse.Builder base(AiRequest request, Instant completedAt) {
        return AiResponse.newBuilder()
                .setRequestId(request.getRequestId())
                .setTenantId(request.getTenantId())
                .setAppId(request.getAppId())
                .setApiKeyId(request.getApiKeyId())
                .setModel(request.getModel())
                .setCreated(completedAt.getEpochSecond())
                .setChoices(List.of())
                .setReplyTo(request.getReplyTo())
                .setPromptName(request.getPrompt() == null ? null : request.getPrompt().getName())
                .setPromptVersion(request.getPrompt() == null ? null : request.getPrompt().getVersion())
                .setBatchId(request.getBatchId())
                .setTimings(Timings.newBuilder()
                        .setReceivedAt(request.getReceivedAt())
                        .setCompletedAt(completedAt)
                        .build());
    }
}
