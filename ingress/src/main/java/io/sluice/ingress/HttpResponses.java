package io.sluice.ingress;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Builds responses and sends them: the one place that sets {@code Content-Length} (or chunked
 * transfer encoding) and decides between keep-alive and close, and the one place that turns an
 * {@link ApiError} into a response.
 */
final class HttpResponses {
    static final String JSON = "application/json";
    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";
    private static final int MAX_HEADER_VALUE = 256;
    /** How long a connection refused mid-request is drained before it is closed. */
    static final Duration LINGER = Duration.ofSeconds(2);

    private HttpResponses() {
    }

    static FullHttpResponse json(HttpResponseStatus status, byte[] body) {
        return bytes(status, body, JSON);
    }

    static FullHttpResponse bytes(HttpResponseStatus status, byte[] body, String contentType) {
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        return response;
    }

    static FullHttpResponse text(HttpResponseStatus status, String body, String contentType) {
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        return response;
    }

    /** The OpenAI-shaped response for {@code error}, with {@code Retry-After} when the error has one. */
    static FullHttpResponse error(ApiError error) {
        FullHttpResponse response = json(HttpResponseStatus.valueOf(error.status()), OpenAiJson.error(error));
        if (error.retryAfterSeconds() != null && error.retryAfterSeconds() >= 0) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, error.retryAfterSeconds());
        }
        return response;
    }

    /**
     * Writes {@code response} with its {@code Content-Length}; keeps the connection open when the
     * request allowed it and the response does not ask to close, else closes it once written.
     */
    static void send(ChannelHandlerContext ctx, boolean requestKeepAlive, FullHttpResponse response) {
        send(ctx, requestKeepAlive, response, false);
    }

    /**
     * As {@link #send(ChannelHandlerContext, boolean, FullHttpResponse)}; with {@code headOnly} (the
     * answer to a HEAD request) the body is left out and only its length is announced.
     */
    static void send(ChannelHandlerContext ctx, boolean requestKeepAlive, FullHttpResponse full, boolean headOnly) {
        HttpUtil.setContentLength(full, full.content().readableBytes());
        FullHttpResponse response = full;
        if (headOnly) {
            response = full.replace(Unpooled.EMPTY_BUFFER);
            full.release();
        }
        boolean keepAlive = requestKeepAlive
                && !response.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Answers a request whose client may still be sending (a refused head, an oversized or late
     * body) and closes the connection, lingering: the response goes out, the write side is shut, and
     * what the client still sends is read and dropped for up to {@link #LINGER} (by the handler that
     * refused it) before the close. Closing at once, with the client's bytes still arriving, would
     * make the kernel reset the connection, and a reset throws away the answer the client had not
     * read yet, so it would see a broken connection instead of the error.
     */
    static void sendAndLinger(ChannelHandlerContext ctx, FullHttpResponse response) {
        HttpUtil.setContentLength(response, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) written -> lingerThenClose(ctx, written));
    }

    private static void lingerThenClose(ChannelHandlerContext ctx, ChannelFuture written) {
        if (!written.isSuccess() || !(ctx.channel() instanceof DuplexChannel duplex)) {
            ctx.close();
            return;
        }
        duplex.shutdownOutput();
        ctx.executor().schedule(() -> ctx.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sets a header from a value the pipeline produced, only when it is short printable ASCII. */
    static void setSafeHeader(HttpResponse response, String name, String value) {
        if (value != null && !value.isEmpty() && value.length() <= MAX_HEADER_VALUE
                && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            response.headers().set(name, value);
        }
    }

    /** The head of a {@code 200 text/event-stream} answer whose body follows in chunks. */
    static HttpResponse eventStream() {
        var head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, EVENT_STREAM);
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        HttpUtil.setTransferEncodingChunked(head, true);
        return head;
    }

    /** Writes and flushes the head of a chunked answer, saying whether the connection stays open after it. */
    static void sendHead(ChannelHandlerContext ctx, boolean keepAlive, HttpResponse head) {
        head.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(head);
    }

    /** Ends a chunked answer; closes the connection once written unless {@code keepAlive}. */
    static void sendLast(ChannelHandlerContext ctx, boolean keepAlive) {
        var written = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
