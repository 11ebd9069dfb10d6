package io.sluice.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One keep-alive HTTP/1.1 connection with at most one request in flight (no pipelining). Reports every
 * outcome to its {@link LoadRun}. A request without a complete response {@code requestTimeout} after it
 * was written is failed by closing the connection (checked once a second, so no timer per request).
 * Streamed answers are read as they arrive (the codec hands over each piece of a chunked body), through
 * an {@link SseReader} that notes when the first content came.
 */
final class ClientConnection extends SimpleChannelInboundHandler<HttpObject> {

    private static final long NONE = Long.MIN_VALUE;

    private final LoadRun run;
    private final RequestTemplate requests;
    private final boolean idleWhenActive;
    private final long requestTimeoutNanos;
    private final SseReader sse;
    private volatile Channel channel;
    private ScheduledFuture<?> timeoutCheck;
    private long inFlightSince = NONE;
    private long writtenAt;
    private int status;
    private boolean marked;
    private boolean keepAlive;

    /** {@code idleWhenActive}: ask the run for work as soon as connected (replacement connections). */
    ClientConnection(LoadRun run, RequestTemplate requests, long requestTimeoutNanos, boolean idleWhenActive) {
        this.run = run;
        this.requests = requests;
        this.requestTimeoutNanos = requestTimeoutNanos;
        this.idleWhenActive = idleWhenActive;
        this.sse = requests.streamed() ? new SseReader() : null;
    }

    Channel channel() {
        return channel;
    }

    /** Sends one request whose latency counts from {@code sendNanos}; callable from any thread. */
    void send(long sendNanos) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> send(sendNanos));
            return;
        }
        if (!channel.isActive() || inFlightSince != NONE) {
            run.failed(sendNanos);
            return;
        }
        inFlightSince = sendNanos;
        writtenAt = System.nanoTime();
        status = 0;
        marked = false;
        keepAlive = true;
        if (sse != null) {
            sse.reset();
        }
        channel.writeAndFlush(requests.next(), channel.voidPromise());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        super.channelActive(ctx);
        timeoutCheck = ctx.executor().scheduleAtFixedRate(() -> {
            if (inFlightSince != NONE && System.nanoTime() - writtenAt > requestTimeoutNanos) {
                ctx.close();
            }
        }, 1, 1, TimeUnit.SECONDS);
        if (idleWhenActive) {
            run.onIdle(this);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (msg.decoderResult().isFailure()) {
            ctx.close();
            return;
        }
        if (msg instanceof HttpResponse response) {
            status = response.status().code();
            HttpTarget.Mark mark = requests.mark();
            marked = mark != null && mark.value().equalsIgnoreCase(response.headers().get(mark.header()));
            keepAlive = HttpUtil.isKeepAlive(response);
        }
        if (inFlightSince == NONE) {
            return;
        }
        long now = System.nanoTime();
        if (sse != null && msg instanceof HttpContent content) {
            sse.feed(content.content(), now);
        }
        if (msg instanceof LastHttpContent) {
            long since = inFlightSince;
            inFlightSince = NONE;
            if (sse != null) {
                run.streamEnded(since, status, sse.outcome(), now);
            } else {
                run.completed(since, status, marked, now);
            }
            if (keepAlive) {
                run.onIdle(this);
            } else {
                ctx.close();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (timeoutCheck != null) {
            timeoutCheck.cancel(false);
        }
        if (inFlightSince != NONE) {
            long since = inFlightSince;
            inFlightSince = NONE;
            run.failed(since);
        }
        run.onClosed(this);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
