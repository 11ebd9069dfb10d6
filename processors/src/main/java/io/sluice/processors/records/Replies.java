package io.sluice.processors.records;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiResponse;
import io.sluice.avro.ReplyKind;

/** Replies for the requester waiting on a reply topic. */
public final class Replies {
    private Replies() {}

    /** The one {@code FINAL} reply of a request, carrying its final response; keyed by request id. */
    public static AiReply finalReply(AiResponse response) {
        return AiReply.newBuilder()
                .setRequestId(response.getRequestId())
                .setKind(ReplyKind.FINAL)
                .setSequence(0)
                .setResponse(response)
                .build();
    }
}
