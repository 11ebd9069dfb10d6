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
 */
final class OversizedRequestAggregator extends HttpObjectAggregator {
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
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
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
