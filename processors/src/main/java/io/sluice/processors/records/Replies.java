package io.sluice.processors.records;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiResponse;
import io.sluice.avro.ReplyKind;

/** Replies for the requester waiting on a reply topic: the chunks of a streamed answer, then the final one. */
public final class Replies {
    private Replies() {}

    /**
     * One {@code CHUNK} of a streamed answer: the next piece of content, numbered from 1 in the
     * order the requester must show them; the first names the model that answers, the others
     * null. Keyed by request id.
     */
    public static AiReply chunk(String requestId, int sequence, String delta, String responseModel) {
        if (sequence < 1) {
            throw new IllegalArgumentException("chunk sequence numbers start at 1, not " + sequence);
        }
        return AiReply.newBuilder()
                .setRequestId(requestId)
                .setKind(ReplyKind.CHUNK)
                .setSequence(sequence)
                .setDelta(delta)
                .setResponseModel(responseModel)
                .build();
    }

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
