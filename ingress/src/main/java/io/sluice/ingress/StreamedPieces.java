package io.sluice.ingress;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A chunked 200 answer written from a worker thread piece by piece: the head with the first piece,
 * then each piece on the channel's event loop, waiting while the connection is not writable and
 * while two pieces are already queued for the event loop, and giving up on a client that reads
 * nothing for a minute. Not thread-safe: one worker writes.
 */
final class StreamedPieces {
    /** The client closed the connection; the producer of the pieces should stop. */
    static final class ClientGone extends RuntimeException {
        ClientGone() {
            super("the client went away", null, false, false);
        }
    }

    /** The client has read nothing for {@link #STALL_MILLIS}: the answer is cut off. */
    static final class Stalled extends RuntimeException {
        Stalled() {
            super("the client stopped reading", null, false, false);
        }
    }

    private static final long WAIT_MILLIS = 2;
    static final long STALL_MILLIS = 60_000;

    private final Exchange exchange;
    private final String contentType;
    private final Semaphore queued = new Semaphore(2);
    private boolean started;

    StreamedPieces(Exchange exchange, String contentType) {
        this.exchange = exchange;
        this.contentType = contentType;
    }

    void write(byte[] piece) {
        start();
        awaitRoom();
        var content = Unpooled.wrappedBuffer(piece);
        exchange.executor().execute(() -> {
            queued.release();
            exchange.streamContent(content);
        });
    }

    void end() {
        start();
        exchange.executor().execute(exchange::endStream);
    }

    /** Answers {@code error} if nothing was written yet; else cuts the body off. */
    void fail(ApiError error) {
        if (!started) {
            exchange.respond(error);
            return;
        }
        var note = Unpooled.copiedBuffer("\n", StandardCharsets.UTF_8);
        exchange.executor().execute(() -> exchange.abortStream(note));
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpUtil.setTransferEncodingChunked(head, true);
        exchange.executor().execute(() -> {
            if (!exchange.answered()) {
                exchange.startStream(head);
            }
        });
    }

    private void awaitRoom() {
        long stalledAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS);
        try {
            while (!queued.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                requireOpen(stalledAt);
            }
            while (!exchange.writable()) {
                requireOpen(stalledAt);
                Thread.sleep(WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientGone();
        }
        requireOpen();
    }

    private void requireOpen() {
        if (!exchange.open()) {
            throw new ClientGone();
        }
    }

    private void requireOpen(long stalledAt) {
        requireOpen();
        if (System.nanoTime() - stalledAt > 0) {
            throw new Stalled();
        }
    }
}
