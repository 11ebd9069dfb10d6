package io.sluice.ingress;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** An in-memory {@link RequestSubmitter}: records what was submitted and lets a test answer it. */
final class FakeSubmitter implements RequestSubmitter {
    final List<AiRequest> submitted = new ArrayList<>();
    final List<String> cancelled = new ArrayList<>();
    private final Map<String, CompletableFuture<AiReply>> pending = new LinkedHashMap<>();
    private boolean rejectAll;

    /** Every later submission fails as if the requests topic did not acknowledge it. */
    void failSends() {
        rejectAll = true;
    }

    @Override
    public CompletableFuture<AiReply> submit(AiRequest request) {
        submitted.add(request);
        var future = new CompletableFuture<AiReply>();
        if (rejectAll) {
            future.completeExceptionally(new SubmitException("broker down", null));
        } else {
            pending.put(request.getRequestId(), future);
        }
        return future;
    }

    @Override
    public void cancel(String requestId) {
        cancelled.add(requestId);
        var future = pending.remove(requestId);
        if (future != null) {
            future.cancel(false);
        }
    }

    AiRequest last() {
        if (submitted.isEmpty()) {
            throw new AssertionError("nothing was submitted");
        }
        return submitted.get(submitted.size() - 1);
    }

    /** Completes the pending request the reply answers, as the reply listener would. */
    void reply(AiReply reply) {
        var future = pending.remove(reply.getRequestId());
        if (future == null) {
            throw new AssertionError("no pending request " + reply.getRequestId());
        }
        future.complete(reply);
    }

    boolean isPending(String requestId) {
        return pending.containsKey(requestId);
    }
}
