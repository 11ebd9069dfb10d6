package io.sluice.processors.cache;

import io.sluice.avro.AiResponse;
import io.sluice.avro.Invocation;
import io.sluice.processors.stores.Sweeps;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's response cache, in two stores of the tenant's stream task: {@code answers} maps a
 * cache key to a fresh answer and when it expires; {@code calls} maps a cache key to the request
 * answering it right now and the identical requests waiting for that answer (and each waiting
 * request id back to its key), so that concurrent identical misses make one provider call.
 *
 * <p>Answers are stored in Avro's single-object encoding; an entry that no longer decodes (a
 * schema change) is a miss, never an error.
 */
public final class ResponseCache {
    private static final Logger log = LoggerFactory.getLogger(ResponseCache.class);
    /** More waiters than this on one call are sent on their own instead. */
    static final int MAX_WAITERS = 1_000;
    private static final String BY_KEY = "k:";
    private static final String BY_REQUEST = "r:";

    private final KeyValueStore<String, byte[]> answers;
    private final KeyValueStore<String, byte[]> calls;

    public ResponseCache(KeyValueStore<String, byte[]> answers, KeyValueStore<String, byte[]> calls) {
        this.answers = answers;
        this.calls = calls;
    }

    public static Serde<byte[]> serde() {
        return Serdes.ByteArray();
    }

    /** What a lookup found. */
    public sealed interface Lookup {}

    /** A fresh answer. */
    public record Hit(AiResponse answer) implements Lookup {}

    /** Nothing: the caller should call the provider; {@link #calling} records that it does. */
    public record Miss() implements Lookup {}

    /** An identical request is being answered now: the invocation was added to its waiters. */
    public record Joined(String leaderRequestId) implements Lookup {}

    /**
     * Looks {@code key} up: a fresh answer is a hit; an identical call in flight (not older than
     * {@code waitSince}) takes {@code invocation} as a waiter; otherwise a miss.
     */
    public Lookup lookup(String key, Invocation invocation, Instant now, Instant waitSince) {
        byte[] stored = answers.get(key);
        if (stored != null) {
            ByteBuffer buffer = ByteBuffer.wrap(stored);
            long expiresAt = buffer.getLong();
            if (expiresAt > now.toEpochMilli()) {
                try {
                    return new Hit(AiResponse.getDecoder().decode(buffer));
                } catch (IOException | RuntimeException e) {
                    log.warn("cache.undecodable_entry error={}", e.toString());
                }
            }
            answers.delete(key);
        }
        Call call = call(key);
        if (call != null && call.startedAt() >= waitSince.toEpochMilli() && call.waiters().size() < MAX_WAITERS) {
            List<Invocation> waiters = new ArrayList<>(call.waiters());
            waiters.add(invocation);
            calls.put(BY_KEY + key, encode(new Call(call.leader(), call.startedAt(), call.model(), waiters)));
            return new Joined(call.leader());
        }
        return new Miss();
    }

    /**
     * Records that {@code requestId} is calling the provider for {@code key}, whose answer is to
     * come from {@code model} (an answer from a fallback model answers the waiters but is not stored).
     */
    public void calling(String key, String requestId, String model, Instant now) {
        Call previous = call(key);
        if (previous != null) {
            calls.delete(BY_REQUEST + previous.leader());
        }
        calls.put(BY_KEY + key, encode(new Call(requestId, now.toEpochMilli(), model, previous == null ? List.of()
                : previous.waiters())));
        calls.put(BY_REQUEST + requestId, key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The leader's response arrived: a success is stored (until {@code expiresAt}) and returned
     * with the waiters to answer from it; a failure returns the waiters to send on their own. Null
     * when {@code requestId} was not calling for anyone.
     */
    public Finished finished(AiResponse response, boolean success, Instant expiresAt) {
        byte[] keyBytes = calls.get(BY_REQUEST + response.getRequestId());
        if (keyBytes == null) {
            return null;
        }
        String key = new String(keyBytes, java.nio.charset.StandardCharsets.UTF_8);
        calls.delete(BY_REQUEST + response.getRequestId());
        Call call = call(key);
        List<Invocation> waiters = List.of();
        boolean fromKeyedModel = true;
        if (call != null && call.leader().equals(response.getRequestId())) {
            calls.delete(BY_KEY + key);
            waiters = call.waiters();
            fromKeyedModel = call.model().isEmpty() || call.model().equals(response.getServedModel());
        }
        if (success && fromKeyedModel) {
            store(key, response, expiresAt);
        }
        return new Finished(key, waiters);
    }

    /** A finished call: its key and the requests that waited for it. */
    public record Finished(String key, List<Invocation> waiters) {}

    private void store(String key, AiResponse response, Instant expiresAt) {
        try {
            ByteBuffer body = AiResponse.getEncoder().encode(response);
            ByteBuffer entry = ByteBuffer.allocate(Long.BYTES + body.remaining());
            entry.putLong(expiresAt.toEpochMilli()).put(body);
            answers.put(key, entry.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gives up on calls older than {@code startedBefore} (their leader's response is lost or very
     * late), handing their waiters to {@code orphaned}; a slice at a time after {@code cursor}.
     */
    public String abandonStale(String cursor, int max, Instant startedBefore, Consumer<List<Invocation>> orphaned) {
        return Sweeps.sweep(calls, BY_KEY, BY_KEY + '\uffff', cursor, max, (key, value) -> {
            Call call = decode(value);
            if (call.startedAt() >= startedBefore.toEpochMilli()) {
                return false;
            }
            orphaned.accept(call.waiters());
            calls.delete(BY_REQUEST + call.leader());
            return true;
        });
    }

    /** Deletes expired answers, a slice at a time after {@code cursor}. */
    public String forgetExpired(String cursor, int max, Instant now) {
        return Sweeps.sweep(answers, cursor, max,
                (key, value) -> ByteBuffer.wrap(value).getLong() <= now.toEpochMilli());
    }

    private record Call(String leader, long startedAt, String model, List<Invocation> waiters) {}

    private Call call(String key) {
        byte[] bytes = calls.get(BY_KEY + key);
        return bytes == null ? null : decode(bytes);
    }

    private static byte[] encode(Call call) {
        var bytes = new ByteArrayOutputStream(256);
        try (var out = new DataOutputStream(bytes)) {
            out.writeUTF(call.leader());
            out.writeLong(call.startedAt());
            out.writeUTF(call.model() == null ? "" : call.model());
            out.writeInt(call.waiters().size());
            for (Invocation waiter : call.waiters()) {
                ByteBuffer body = Invocation.getEncoder().encode(waiter);
                out.writeInt(body.remaining());
                out.write(body.array(), body.arrayOffset() + body.position(), body.remaining());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Call decode(byte[] bytes) {
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            String leader = in.readUTF();
            long startedAt = in.readLong();
            String model = in.readUTF();
            int n = in.readInt();
            List<Invocation> waiters = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] body = in.readNBytes(in.readInt());
                waiters.add(Invocation.getDecoder().decode(body));
            }
            return new Call(leader, startedAt, model, waiters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
