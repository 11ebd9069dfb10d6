package io.sluice.ingress;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A total deadline for reading one request, head and body, from its first byte: a client that
 * trickles its headers or its body (slowloris) cannot hold a connection open longer than
 * {@code ingress.read-deadline}, however steadily it sends. Two handlers share one deadline:
 * {@link #onBytes()} sits before the HTTP decoder and starts it when bytes arrive while no request
 * is being read; {@link #onRequests()} sits after the decoder and stops it when a request has been
 * read to its end. When it expires, {@link #EXPIRED} goes down the pipeline (the router answers 408
 * and closes) and every byte the client still sends is dropped. Confined to the channel's event loop.
 */
final class ReadDeadline {
    /** The user event fired when a request was not read in time. */
    static final Object EXPIRED = new Object() {
        @Override
        public String toString() {
            return "ReadDeadline.EXPIRED";
        }
    };

    private final long deadlineNanos;
    private ScheduledFuture<?> timer;
    private boolean expired;

    ReadDeadline(Duration deadline) {
        this.deadlineNanos = deadline.toNanos();
    }

    ChannelInboundHandlerAdapter onBytes() {
        return new OnBytes();
    }

    ChannelInboundHandlerAdapter onRequests() {
        return new OnRequests();
    }

    private void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private final class OnBytes extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (expired) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (timer == null) {
                timer = ctx.executor().schedule(() -> expire(ctx), deadlineNanos, TimeUnit.NANOSECONDS);
            }
            ctx.fireChannelRead(msg);
        }

        private void expire(ChannelHandlerContext ctx) {
            timer = null;
            expired = true;
            ctx.fireUserEventTriggered(EXPIRED);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            stop();
            ctx.fireChannelInactive();
        }
    }

    private final class OnRequests extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof LastHttpContent) {
                stop();
            }
            ctx.fireChannelRead(msg);
        }
    }
}
