package io.sluice.ingress;

import io.sluice.avro.AiReply;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The requests this ingress waits for, by request id. Thread-safe; each entry completes once. */
final class PendingReplies {
    private final ConcurrentMap<String, CompletableFuture<AiReply>> byId = new ConcurrentHashMap<>();

    CompletableFuture<AiReply> register(String requestId) {
        var future = new CompletableFuture<AiReply>();
        if (byId.putIfAbsent(requestId, future) != null) {
            throw new IllegalStateException("request id " + requestId + " is already pending");
        }
        return future;
    }

    /** Completes and forgets the entry; false when no request with that id is pending here. */
    boolean complete(String requestId, AiReply reply) {
        CompletableFuture<AiReply> future = byId.remove(requestId);
        return future != null && future.complete(reply);
    }

    void fail(String requestId, Throwable cause) {
        CompletableFuture<AiReply> future = byId.remove(requestId);
        if (future != null) {
            future.completeExceptionally(cause);
        }
    }

    void cancel(String requestId) {
        CompletableFuture<AiReply> future = byId.remove(requestId);
        if (future != null) {
            future.cancel(false);
        }
    }

    boolean isPending(String requestId) {
        return byId.containsKey(requestId);
    }

    /** Fails every pending request, e.g. on shutdown. */
    void failAll(Throwable cause) {
        byId.keySet().forEach(id -> fail(id, cause));
    }
}
