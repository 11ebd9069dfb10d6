package io.sluice.ingress;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiRequest;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The seam between HTTP handling and Kafka: submit a request, get its chunks and its final reply. The Kafka
 * implementation produces to {@code requests} and completes the future from the replies
 * listener; tests implement it in memory.
 */
interface RequestSubmitter {

    /**
     * Registers {@code request} as pending, then sends it. Blocks at most {@code max.block.ms}
     * (100 ms), and only when the requests topic's metadata is missing; start-up loads it. The
     * future completes with the FINAL reply, or exceptionally with a {@link SubmitException} when
     * the request was not accepted. It may complete on any thread. {@code chunks} gets each CHUNK
     * reply, on any thread but one at a time and before the FINAL reply completes the future; it
     * must not block.
     */
    CompletableFuture<AiReply> submit(AiRequest request, Consumer<AiReply> chunks);

    /** Why a requester stopped waiting. */
    String CLIENT_CLOSED = "client_closed";
    String TIMED_OUT = "timed_out";

    /**
     * Forgets a pending request (timed out, client gone); a reply arriving later is ignored, and
     * the provider call is aborted if it still runs.
     *
     * @param reason {@link #CLIENT_CLOSED} or {@link #TIMED_OUT}
     */
    void cancel(String requestId, String reason);

    /** A request that got no reply, with the answer its client gets. */
    final class SubmitException extends RuntimeException {
        private final transient ApiError error;

        /** The requests topic did not accept the request; the client may retry. */
        SubmitException(String message, Throwable cause) {
            this(message, cause, ApiError.kafkaUnavailable());
        }

        SubmitException(String message, Throwable cause, ApiError error) {
            super(message, cause);
            this.error = Objects.requireNonNull(error, "error");
        }

        ApiError error() {
            return error;
        }
    }
}
