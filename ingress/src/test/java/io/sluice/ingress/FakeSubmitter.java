package io.sluice.ingress;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An in-memory {@link RequestSubmitter}: records what was submitted and lets a test answer it.
 * A cancelled request is no longer pending, but {@link #reply} still completes it: that is the
 * race in which the listener thread read the reply just as the event loop gave up on it.
 */
final class FakeSubmitter implements RequestSubmitter {
    final List<AiRequest> submitted = new ArrayList<>();
    final List<String> cancelled = new ArrayList<>();
    final java.util.Map<String, String> reasons = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<AiReply>> pending = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<AiReply>> gone = new LinkedHashMap<>();
    private final Map<String, Consumer<AiReply>> chunkSinks = new LinkedHashMap<>();
    private SubmitException rejection;

    /** Every later submission fails with {@code failure}. */
    void failSends(SubmitException failure) {
        rejection = failure;
    }

    @Override
    public CompletableFuture<AiReply> submit(AiRequest request, Consumer<AiReply> chunks) {
        submitted.add(request);
        chunkSinks.put(request.getRequestId(), chunks);
        var future = new CompletableFuture<AiReply>();
        if (rejection != null) {
            future.completeExceptionally(rejection);
        } else {
            pending.put(request.getRequestId(), future);
        }
        return future;
    }

    @Override
    public void cancel(String requestId, String reason) {
        cancelled.add(requestId);
        reasons.put(requestId, reason);
        var future = pending.remove(requestId);
        if (future != null) {
            gone.put(requestId, future);
        }
    }

    AiRequest last() {
        if (submitted.isEmpty()) {
            throw new AssertionError("nothing was submitted");
        }
        return submitted.get(submitted.size() - 1);
    }

    /** Completes the request the reply answers, pending or cancelled, as the reply listener would. */
    void reply(AiReply reply) {
        var future = pending.remove(reply.getRequestId());
        if (future == null) {
            future = gone.remove(reply.getRequestId());
        }
        if (future == null) {
            throw new AssertionError("no request " + reply.getRequestId() + " was submitted");
        }
        future.complete(reply);
    }

    /** Hands a CHUNK to a pending request, as the reply listener would; a cancelled one no longer gets it. */
    void chunk(AiReply chunk) {
        if (pending.containsKey(chunk.getRequestId())) {
            chunkSinks.get(chunk.getRequestId()).accept(chunk);
        }
    }

    boolean isPending(String requestId) {
        return pending.containsKey(requestId);
    }
}
