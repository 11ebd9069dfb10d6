package io.sluice.ingress;

import io.sluice.avro.AiReply;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * The requests this ingress waits for, by request id: each with the future its FINAL reply
 * completes and the sink its CHUNK replies are handed to. Thread-safe; each entry completes once.
 */
final class PendingReplies {
    private final ConcurrentMap<String, Entry> byId = new ConcurrentHashMap<>();

    private record Entry(CompletableFuture<AiReply> future, Consumer<AiReply> chunks) {
        Entry {
            Objects.requireNonNull(future, "future");
            Objects.requireNonNull(chunks, "chunks");
        }
    }

    /** Registers a request; {@code chunks} is called on the reading thread, in the order chunks are read. */
    CompletableFuture<AiReply> register(String requestId, Consumer<AiReply> chunks) {
        var future = new CompletableFuture<AiReply>();
        if (byId.putIfAbsent(requestId, new Entry(future, chunks)) != null) {
            throw new IllegalStateException("request id " + requestId + " is already pending");
        }
        return future;
    }

    /** Hands a CHUNK to the waiting request; false when no request with that id is pending here. */
    boolean chunk(String requestId, AiReply chunk) {
        Entry entry = byId.get(requestId);
        if (entry == null) {
            return false;
        }
        entry.chunks().accept(chunk);
        return true;
    }

    /** Completes and forgets the entry; false when no request with that id is pending here. */
    boolean complete(String requestId, AiReply reply) {
        Entry entry = byId.remove(requestId);
        return entry != null && entry.future().complete(reply);
    }

    void fail(String requestId, Throwable cause) {
        Entry entry = byId.remove(requestId);
        if (entry != null) {
            entry.future().completeExceptionally(cause);
        }
    }

    /** Forgets a pending request; true if it was still waiting. */
    boolean cancel(String requestId) {
        Entry entry = byId.remove(requestId);
        if (entry != null) {
            entry.future().cancel(false);
            return true;
        }
        return false;
    }

    boolean isPending(String requestId) {
        return byId.containsKey(requestId);
    }

    /** Fails every pending request, e.g. on shutdown. */
    void failAll(Throwable cause) {
        byId.keySet().forEach(id -> fail(id, cause));
    }
}
