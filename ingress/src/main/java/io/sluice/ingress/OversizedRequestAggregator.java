package io.sluice.ingress;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Aggregates request bodies up to the limit of their path (a batch file upload may be larger than
 * any other request) and answers larger ones (declared by
 * {@code Content-Length}, announced with {@code Expect: 100-continue}, or found while reading a
 * chunked body) with an OpenAI-shaped 413, then closes the connection, lingering so that the
 * client reads the 413 ({@link HttpResponses#sendAndLinger}); the rest of the body is dropped
 * meanwhile. An {@code Expect} other than {@code 100-continue} is a 417 in the same shape.
 */
final class OversizedRequestAggregator extends HttpObjectAggregator {
    private final ToIntFunction<HttpRequest> maxBodyBytes;
    private final RouteTable routes;
    private final IngressMetrics metrics;
    /** The limit of the request being read, by its path. */
    private int limit;
    private long received;
    /** The request being read went over its limit: the rest of its body is dropped. */
    private boolean refused;
    /** The head of the request being read, for a 413 while its body arrives. */
    private HttpRequest current;

    OversizedRequestAggregator(int maxBodyBytes, RouteTable routes, IngressMetrics metrics) {
        this(maxBodyBytes, request -> maxBodyBytes, routes, metrics);
    }

    /**
     * @param maxAnyBodyBytes the largest body of any path
     * @param maxBodyBytes    the largest body of a request, by its head (a batch file upload takes more)
     */
    OversizedRequestAggregator(int maxAnyBodyBytes, ToIntFunction<HttpRequest> maxBodyBytes, RouteTable routes,
            IngressMetrics metrics) {
        super(maxAnyBodyBytes, true);
        this.maxBodyBytes = maxBodyBytes;
        this.routes = routes;
        this.metrics = metrics;
        this.limit = maxAnyBodyBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, HttpObject msg, List<Object> out) throws Exception {
        if (msg instanceof HttpRequest request) {
            current = request;
            limit = maxBodyBytes.applyAsInt(request);
            received = 0;
            refused = false;
        } else if (refused) {
            return;
        } else if (msg instanceof HttpContent content && current != null) {
            received += content.content().readableBytes();
            if (received > limit) {
                refused = true;
                HttpResponses.sendAndLinger(ctx, tooLarge(current));
                return;
            }
        }
        super.decode(ctx, msg, out);
    }

    /** A declared length over the path's limit: the aggregator answers 413 and drops the body itself. */
    @Override
    protected boolean isContentLengthInvalid(HttpMessage start, int maxContentLength) {
        boolean invalid = super.isContentLengthInvalid(start, limit);
        refused |= invalid;
        return invalid;
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        if (HttpUtil.is100ContinueExpected(start) && HttpUtil.getContentLength(start, -1L) > limit) {
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
        return refused(message, ApiError.payloadTooLarge(limit));
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
