package io.sluice.ingress;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches each aggregated request of one connection to its route and answers 404 / 405 / 400
 * itself. Before any handler runs it refuses what no handler should see: a request the decoder
 * refused (400, or 414 / 431 for a request line or headers over the limits; the connection closes),
 * an HTTP version other than 1.0 and 1.1 (505, closes), a transfer coding other than chunked (501,
 * closes), several {@code Host} headers (400, closes), a
 * compressed body (415) and an admin route without an admin key (401). One request is handled at a
 * time: requests a client pipelines behind an unanswered one wait in a short queue, so answers leave
 * in request order. While the server is closing, new requests get 503 shutting_down and the
 * connection closes. A request whose head and body are late ({@link ReadDeadline}) gets 408 and the
 * connection closes. Not sharable: one per channel.
 */
final class HttpRouter extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HttpRouter.class);
    private static final int MAX_QUEUED = 16;

    private final RouteTable routes;
    private final IngressMetrics metrics;
    private final BooleanSupplier closing;
    private final Perimeter perimeter;
    private final ArrayDeque<FullHttpRequest> queued = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private Exchange current;
    /** An answer said the connection closes: later requests on it are dropped, never handled. */
    private boolean lastAnswered;

    HttpRouter(RouteTable routes, IngressMetrics metrics, BooleanSupplier closing, Perimeter perimeter) {
        this.routes = routes;
        this.metrics = metrics;
        this.closing = closing;
        this.perimeter = perimeter;
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
        if (lastAnswered || outputShut()) {
            // the connection closes after an answer already sent: nothing behind it is handled
            request.release();
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
            InetAddress client = perimeter.clientAddress(ctx.channel().remoteAddress(), request);
            if (request.decoderResult().isFailure()) {
                log.debug("http.refused remote={} error={}", ctx.channel().remoteAddress(),
                        request.decoderResult().cause().toString());
                newExchange(request, client, RouteTable.UNMATCHED, false)
                        .refuseAndClose(ApiError.badHttp(request.decoderResult().cause()));
                return;
            }
            String path = RouteTable.path(request.uri());
            RouteTable.Match match = routes.match(request.method(), path);
            if (closing.getAsBoolean()) {
                newExchange(request, client, match.routeName(), false).respond(ApiError.shuttingDown());
                return;
            }
            ApiError framing = framingError(request);
            if (framing != null) {
                newExchange(request, client, match.routeName(), false).respond(framing);
                return;
            }
            var exchange = newExchange(request, client, match.routeName(), HttpUtil.isKeepAlive(request));
            if (isCompressed(request)) {
                exchange.respond(ApiError.unsupportedContentEncoding());
            } else if (match instanceof RouteTable.Found found) {
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

    /**
     * An error for a request whose framing the decoder accepted but no handler should trust: an HTTP
     * version other than 1.0 or 1.1, a transfer coding other than plain {@code chunked} (the body
     * would be decoded differently by another server), or several {@code Host} headers. Null when
     * the framing is fine.
     */
    private static ApiError framingError(FullHttpRequest request) {
        if (!HttpVersion.HTTP_1_1.equals(request.protocolVersion())
                && !HttpVersion.HTTP_1_0.equals(request.protocolVersion())) {
            return ApiError.httpVersionNotSupported();
        }
        List<String> codings = request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (!codings.isEmpty() && (codings.size() > 1
                || !HttpHeaderValues.CHUNKED.contentEqualsIgnoreCase(codings.get(0).strip()))) {
            return ApiError.unsupportedTransferEncoding();
        }
        if (request.headers().getAll(HttpHeaderNames.HOST).size() > 1) {
            return ApiError.badHttp();
        }
        return null;
    }

    /** Whether the body claims a content coding: such bodies are refused, never inflated. */
    private static boolean isCompressed(FullHttpRequest request) {
        for (String coding : request.headers().getAll(HttpHeaderNames.CONTENT_ENCODING)) {
            if (!HttpHeaderValues.IDENTITY.contentEqualsIgnoreCase(coding.strip())) {
                return true;
            }
        }
        return false;
    }

    private void handle(RouteTable.Found found, Exchange exchange) {
        if (found.admin()) {
            var admin = perimeter.admin(exchange.request());
            if (admin.isEmpty()) {
                log.info("admin.refused route={} client={}", found.routeName(), describe(exchange.clientAddress()));
                exchange.respond(ApiError.invalidApiKey());
                return;
            }
            log.debug("admin.access route={} key_id={} client={}", found.routeName(), admin.get().id(),
                    describe(exchange.clientAddress()));
        }
        try {
            found.handler().handle(exchange);
        } catch (RuntimeException e) {
            log.error("route.failed route={}", found.routeName(), e);
            if (!exchange.answered()) {
                exchange.respond(ApiError.internal());
            }
        }
    }

    private static String describe(InetAddress address) {
        return address == null ? "unknown" : address.getHostAddress();
    }

    private Exchange newExchange(FullHttpRequest request, InetAddress client, String route, boolean keepAlive) {
        current = new Exchange(ctx, request, client, route, keepAlive, closing, metrics, this::answered);
        return current;
    }

    private void answered(Exchange exchange) {
        if (exchange != current) {
            return;
        }
        current = null;
        if (!exchange.keepAlive()) {
            lastAnswered = true;
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
            log.debug("http.idle_closed remote={}", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        if (evt == ReadDeadline.EXPIRED) {
            log.debug("http.read_deadline remote={} answering={}", ctx.channel().remoteAddress(), current != null);
            if (current == null) {
                metrics.requestAnswered(RouteTable.UNMATCHED, ApiError.requestTimeout().status());
                HttpResponses.sendAndLinger(ctx, HttpResponses.error(ApiError.requestTimeout()));
            } else {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof PrematureChannelClosureException
                || cause.getCause() instanceof javax.net.ssl.SSLException) {
            log.debug("http.connection_error remote={} error={}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("http.pipeline_error remote={}", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    private boolean outputShut() {
        return ctx.channel() instanceof DuplexChannel duplex && duplex.isOutputShutdown();
    }

    private void releaseQueued() {
        FullHttpRequest request;
        while ((request = queued.poll()) != null) {
            request.release();
        }
    }
}
