package io.sluice.ingress;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches each aggregated request of one connection to its route and answers 404 / 405 / 400
 * itself. One request is handled at a time: requests a client pipelines behind an unanswered one
 * wait in a short queue, so answers leave in request order. While the server is closing, new
 * requests get 503 shutting_down and the connection closes. Not sharable: one per channel.
 */
final class HttpRouter extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HttpRouter.class);
    private static final int MAX_QUEUED = 16;

    private final RouteTable routes;
    private final IngressMetrics metrics;
    private final BooleanSupplier closing;
    private final ArrayDeque<FullHttpRequest> queued = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private Exchange current;

    HttpRouter(RouteTable routes, IngressMetrics metrics, BooleanSupplier closing) {
        this.routes = routes;
        this.metrics = metrics;
        this.closing = closing;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (current != null) {
            if (queued.size() >= MAX_QUEUED) {
                request.release();
                log.debug("http.pipelining_overflow remote={}", ctx.channel().remoteAddress());
                ctx.close();
                return;
            }
            queued.add(request);
            return;
        }
        dispatch(request);
    }

    private void dispatch(FullHttpRequest request) {
        try {
            if (request.decoderResult().isFailure()) {
                var exchange = newExchange(request, RouteTable.UNMATCHED, false);
                exchange.respond(ApiError.badHttp());
                return;
            }
            String path = new QueryStringDecoder(request.uri()).path();
            RouteTable.Match match = routes.match(request.method(), path);
            if (closing.getAsBoolean()) {
                newExchange(request, match.routeName(), false).respond(ApiError.shuttingDown());
                return;
            }
            var exchange = newExchange(request, match.routeName(), HttpUtil.isKeepAlive(request));
            if (match instanceof RouteTable.Found found) {
                handle(found, exchange);
            } else if (match instanceof RouteTable.MethodNotAllowed notAllowed) {
                FullHttpResponse response =
                        HttpResponses.error(ApiError.methodNotAllowed(request.method().name(), path));
                response.headers().set(HttpHeaderNames.ALLOW, notAllowed.allow());
                exchange.respond(response);
            } else {
                exchange.respond(ApiError.notFound(request.method().name(), path));
            }
        } finally {
            request.release();
        }
    }

    private void handle(RouteTable.Found found, Exchange exchange) {
        try {
            found.handler().handle(exchange);
        } catch (RuntimeException e) {
            log.error("route.failed route={}", found.routeName(), e);
            if (!exchange.answered()) {
                exchange.respond(ApiError.internal());
            }
        }
    }

    private Exchange newExchange(FullHttpRequest request, String route, boolean keepAlive) {
        current = new Exchange(ctx, request, route, keepAlive, closing, metrics, this::answered);
        return current;
    }

    private void answered(Exchange exchange) {
        if (exchange != current) {
            return;
        }
        current = null;
        if (!exchange.keepAlive()) {
            releaseQueued();
            return;
        }
        FullHttpRequest next = queued.poll();
        if (next != null && ctx.channel().isActive()) {
            dispatch(next);
        } else if (next != null) {
            next.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Exchange exchange = current;
        current = null;
        if (exchange != null) {
            exchange.abandon();
        }
        releaseQueued();
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && current == null) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("http.connection_error remote={} error={}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("http.pipeline_error remote={}", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    private void releaseQueued() {
        FullHttpRequest request;
        while ((request = queued.poll()) != null) {
            request.release();
        }
    }
}
