package io.sluice.ingress;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Aggregates request bodies up to the configured limit and answers larger ones (declared by
 * {@code Content-Length}, announced with {@code Expect: 100-continue}, or found while reading a
 * chunked body) with an OpenAI-shaped 413, then closes the connection, lingering so that the
 * client reads the 413 ({@link HttpResponses#sendAndLinger}); the rest of the body is dropped
 * meanwhile. An {@code Expect} other than {@code 100-continue} is a 417 in the same shape.
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
        String expect = start.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect.strip())) {
            start.headers().remove(HttpHeaderNames.EXPECT);
            return refused(start, ApiError.expectationFailed());
        }
        return super.newContinueResponse(start, maxContentLength, pipeline);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        HttpResponses.sendAndLinger(ctx, tooLarge(oversized));
    }

    private FullHttpResponse tooLarge(HttpMessage message) {
        return refused(message, ApiError.payloadTooLarge(maxBodyBytes));
    }

    private FullHttpResponse refused(HttpMessage message, ApiError error) {
        if (message instanceof HttpRequest request) {
            metrics.requestAnswered(routes.routeName(RouteTable.path(request.uri())), error.status());
        }
        FullHttpResponse response = HttpResponses.error(error);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }
}
