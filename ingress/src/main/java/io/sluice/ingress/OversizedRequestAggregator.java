package io.sluice.ingress;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Aggregates request bodies up to the configured limit and answers larger ones (declared by
 * {@code Content-Length}, announced with {@code Expect: 100-continue}, or found while reading a
 * chunked body) with an OpenAI-shaped 413, then closes the connection.
 *
 * <p>The close lingers: the response goes out, the write side is shut, and the rest of the body is
 * read and dropped for up to {@link #LINGER}. Closing at once, with the client's body still
 * arriving, would make the kernel reset the connection, and a reset throws away the 413 the client
 * had not read yet, so it would see a broken connection instead of the error.
 */
final class OversizedRequestAggregator extends HttpObjectAggregator {
    static final java.time.Duration LINGER = java.time.Duration.ofSeconds(2);
    private final int maxBodyBytes;
    private final RouteTable routes;
    private final IngressMetrics metrics;

    OversizedRequestAggregator(int maxBodyBytes, RouteTable routes, IngressMetrics metrics) {
        super(maxBodyBytes, true);
        this.maxBodyBytes = maxBodyBytes;
        this.routes = routes;
        this.metrics = metrics;
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        if (HttpUtil.is100ContinueExpected(start) && HttpUtil.getContentLength(start, -1L) > maxContentLength) {
            start.headers().remove(HttpHeaderNames.EXPECT);
            return tooLarge(start);
        }
        return super.newContinueResponse(start, maxContentLength, pipeline);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        FullHttpResponse response = tooLarge(oversized);
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess() || !(ctx.channel() instanceof io.netty.channel.socket.DuplexChannel duplex)) {
                ctx.close();
                return;
            }
            duplex.shutdownOutput();
            ctx.executor().schedule(() -> ctx.close(), LINGER.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        });
    }

    private FullHttpResponse tooLarge(HttpMessage message) {
        if (message instanceof HttpRequest request) {
            metrics.requestAnswered(routes.routeName(new QueryStringDecoder(request.uri()).path()), 413);
        }
        FullHttpResponse response = HttpResponses.error(ApiError.payloadTooLarge(maxBodyBytes));
        HttpUtil.setContentLength(response, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }
}
