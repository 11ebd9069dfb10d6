package io.sluice.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers POST /v1/chat/completions with a fixed completion after an optional delay on the event loop, or,
 * when the body says {@code "stream": true}, with a {@link MockStream} shaped by its {@link StreamShape}.
 */
@ChannelHandler.Sharable
final class MockUpstreamHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(MockUpstreamHandler.class);
    private static final String COMPLETIONS_PATH = "/v1/chat/completions";

    private final long delayNanos;
    private final StreamShape streamShape;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong streamed = new AtomicLong();

    MockUpstreamHandler(long delayNanos, StreamShape streamShape) {
        this.delayNanos = delayNanos;
        this.streamShape = streamShape;
    }

    long served() {
        return served.get();
    }

    long streamed() {
        return streamed.get();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            send(ctx, error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"), false);
            return;
        }
        String path = path(request.uri());
        if (!COMPLETIONS_PATH.equals(path)) {
            send(ctx, error(HttpResponseStatus.NOT_FOUND, "no route for " + path), keepAlive);
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            send(ctx, error(HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST"), keepAlive);
            return;
        }
        byte[] model = MockCompletions.model(request.content());
        if (MockCompletions.flag(request.content(), "stream")) {
            boolean includeUsage = MockCompletions.flag(request.content(), "include_usage");
            byte[] head = MockChunks.head(ids.incrementAndGet(), System.currentTimeMillis() / 1000, model);
            streamed.incrementAndGet();
            new MockStream(ctx, streamShape, head, includeUsage, keepAlive).start();
        } else if (delayNanos == 0) {
            send(ctx, completion(ctx, model), keepAlive);
        } else {
            ctx.executor().schedule(() -> send(ctx, completion(ctx, model), keepAlive), delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("event=mock_upstream_channel_error remote={} error={}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private FullHttpResponse completion(ChannelHandlerContext ctx, byte[] model) {
        long created = System.currentTimeMillis() / 1000;
        ByteBuf body = MockCompletions.render(ctx.alloc(), ids.incrementAndGet(), created, model);
        served.incrementAndGet();
        return json(HttpResponseStatus.OK, body);
    }

    private static FullHttpResponse error(HttpResponseStatus status, String message) {
        String body = "{\"error\":{\"message\":\"" + message.replace("\"", "'") + "\",\"type\":\"invalid_request_error\","
                + "\"code\":null,\"param\":null}}";
        return json(status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    }

    private static FullHttpResponse json(HttpResponseStatus status, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return response;
    }

    /** Sets keep-alive or close, writes, and closes after the write when the client asked for it. */
    private static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (!ctx.channel().isActive()) {
            response.release();
            return;
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String path(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
