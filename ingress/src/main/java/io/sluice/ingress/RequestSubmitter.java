package io.sluice.ingress;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiRequest;
import java.util.concurrent.CompletableFuture;

/**
 * The seam between HTTP handling and Kafka: submit a request, get its final reply. The Kafka
 * implementation produces to {@code requests} and completes the future from the replies
 * listener; tests implement it in memory.
 */
interface RequestSubmitter {

    /**
     * Registers {@code request} as pending, then sends it. Never blocks. The future completes with
     * the FINAL reply, or exceptionally with a {@link SubmitException} when the request was not
     * accepted. It may complete on any thread.
     */
    CompletableFuture<AiReply> submit(AiRequest request);

    /** Forgets a pending request (timed out, client gone); a reply arriving later is ignored. */
    void cancel(String requestId);

    /** The request was not accepted onto the requests topic. */
    final class SubmitException extends RuntimeException {
        SubmitException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
