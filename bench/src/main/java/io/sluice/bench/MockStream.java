package io.sluice.bench;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.TimeUnit;

/**
 * One streamed answer of the mock on its connection's event loop: the {@code 200 text/event-stream} head
 * (chunked) and the role chunk at once, then the content chunks on the event loop's timer, then the finish
 * chunk, the usage chunk when asked for, {@code [DONE]} and the last HTTP chunk. Every event is flushed
 * as it is written; nothing sleeps. Stops quietly when the client goes away. Event-loop confined.
 */
final class MockStream {

    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    private final ChannelHandlerContext ctx;
    private final StreamShape shape;
    private final byte[] head;
    private final boolean includeUsage;
    private final boolean keepAlive;
    private final long startNanos;
    private int sent;

    MockStream(ChannelHandlerContext ctx, StreamShape shape, byte[] head, boolean includeUsage, boolean keepAlive) {
        this.ctx = ctx;
        this.shape = shape;
        this.head = head;
        this.includeUsage = includeUsage;
        this.keepAlive = keepAlive;
        this.startNanos = System.nanoTime();
    }

    /** Writes the head and the role chunk, and schedules the content. */
    void start() {
        if (!ctx.channel().isActive()) {
            return;
        }
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, EVENT_STREAM)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        HttpUtil.setTransferEncodingChunked(response, true);
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.write(response, ctx.voidPromise());
        ctx.writeAndFlush(new DefaultHttpContent(MockChunks.role(ctx.alloc(), head, includeUsage)), ctx.voidPromise());
        nextWhenDue();
    }

    /** Writes every content chunk that is due, then waits on the timer for the next one or ends the stream. */
    private void nextWhenDue() {
        while (ctx.channel().isActive()) {
            if (sent == shape.chunks()) {
                end();
                return;
            }
            long wait = startNanos + shape.dueNanos(sent) - System.nanoTime();
            if (wait > 0) {
                ctx.executor().schedule(this::nextWhenDue, wait, TimeUnit.NANOSECONDS);
                return;
            }
            ctx.writeAndFlush(new DefaultHttpContent(MockChunks.token(ctx.alloc(), head, includeUsage)), ctx.voidPromise());
            sent++;
        }
    }

    private void end() {
        ctx.writeAndFlush(new DefaultHttpContent(MockChunks.finish(ctx.alloc(), head, includeUsage)), ctx.voidPromise());
        if (includeUsage) {
            ctx.writeAndFlush(new DefaultHttpContent(MockChunks.usage(ctx.alloc(), head, shape.chunks())), ctx.voidPromise());
        }
        ctx.writeAndFlush(new DefaultHttpContent(MockChunks.done(ctx.alloc())), ctx.voidPromise());
        if (keepAlive) {
            ctx.writeAndFlush(new DefaultLastHttpContent(), ctx.voidPromise());
        } else {
            ctx.writeAndFlush(new DefaultLastHttpContent()).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
