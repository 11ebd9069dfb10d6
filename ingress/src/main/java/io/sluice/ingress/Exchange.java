package io.sluice.ingress;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One request and its single answer. A handler reads the request while it is called and answers
 * through {@link #respond} then or later, from any thread: the answer is written on the
 * channel's event loop. Or it streams the answer from the event loop: {@link #startStream}, any
 * number of {@link #streamContent}, then {@link #endStream} or {@link #abortStream}. If the
 * client goes away first, the abandon callback runs instead.
 */
final class Exchange {
    /** Status recorded for requests whose client closed the connection before the answer (nginx's 499). */
    static final int CLIENT_CLOSED = 499;

    private final ChannelHandlerContext ctx;
    private final FullHttpRequest request;
    private final InetAddress clientAddress;
    private final String route;
    private final BooleanSupplier closing;
    private final IngressMetrics metrics;
    private final Consumer<Exchange> onAnswered;
    private boolean keepAlive;
    private boolean answered;
    private boolean streaming;
    private Runnable onAbandon = () -> { };

    /**
     * @param clientAddress who sent the request (see {@link ClientAddress}), or null if unknown
     * @param keepAlive whether the client allows the connection to stay open after the answer
     * @param closing   whether the server is stopping, asked when answering: then the connection closes
     */
    Exchange(ChannelHandlerContext ctx, FullHttpRequest request, InetAddress clientAddress, String route,
             boolean keepAlive, BooleanSupplier closing, IngressMetrics metrics, Consumer<Exchange> onAnswered) {
        this.ctx = ctx;
        this.request = request;
        this.clientAddress = clientAddress;
        this.route = route;
        this.keepAlive = keepAlive;
        this.closing = closing;
        this.metrics = metrics;
        this.onAnswered = onAnswered;
    }

    /** The request; its content is released once the handler returns, so read it synchronously. */
    FullHttpRequest request() {
        return request;
    }

    /** The client's address (the peer, or whom a trusted proxy forwarded for); null if unknown. */
    InetAddress clientAddress() {
        return clientAddress;
    }

    String route() {
        return route;
    }

    /** Whether the connection stays open after the answer; final once answered. */
    boolean keepAlive() {
        return keepAlive;
    }

    /** The channel's event loop: run timers and continuations here. */
    EventExecutor executor() {
        return ctx.executor();
    }

    /** Whether an answer was written (or the client went away); only meaningful on the event loop. */
    boolean answered() {
        return answered;
    }

    /** Runs when the connection closes before an answer; replaces any earlier callback. */
    void onAbandon(Runnable callback) {
        this.onAbandon = callback;
    }

    void respond(ApiError error) {
        respond(HttpResponses.error(error));
    }

    /** Writes the answer; later answers (e.g. a reply racing a timeout) are dropped. */
    void respond(FullHttpResponse response) {
        if (!ctx.executor().inEventLoop()) {
            try {
                ctx.executor().execute(() -> respond(response));
            } catch (RejectedExecutionException e) {
                ReferenceCountUtil.release(response);
            }
            return;
        }
        if (answered || streaming) {
            ReferenceCountUtil.release(response);
            return;
        }
        answered = true;
        keepAlive &= !closing.getAsBoolean();
        metrics.requestAnswered(route, response.status().code());
        HttpResponses.send(ctx, keepAlive, response, HttpMethod.HEAD.equals(request.method()));
        onAnswered.accept(this);
    }

    /**
     * Answers a request that cannot be read to its end (the decoder refused it) and closes the
     * connection, lingering so the client reads the answer ({@link HttpResponses#sendAndLinger}).
     */
    void refuseAndClose(ApiError error) {
        if (answered || streaming) {
            return;
        }
        answered = true;
        keepAlive = false;
        metrics.requestAnswered(route, error.status());
        HttpResponses.sendAndLinger(ctx, HttpResponses.error(error));
        onAnswered.accept(this);
    }

    /** Whether a streamed answer has begun; only meaningful on the event loop. */
    boolean streaming() {
        return streaming;
    }

    /** Writes the head of a chunked answer; call on the event loop, once, before anything else is answered. */
    void startStream(HttpResponse head) {
        if (answered || streaming) {
            throw new IllegalStateException("the exchange is already answered");
        }
        streaming = true;
        keepAlive &= !closing.getAsBoolean();
        HttpResponses.sendHead(ctx, keepAlive, head);
    }

    /** Writes and flushes one piece of the body; takes ownership of {@code content}. Event loop only. */
    void streamContent(ByteBuf content) {
        if (!streaming || answered) {
            content.release();
            return;
        }
        ctx.writeAndFlush(new DefaultHttpContent(content));
    }

    /** Ends the body cleanly; the connection stays open if both sides allow it. Event loop only. */
    void endStream() {
        if (!streaming || answered) {
            return;
        }
        answered = true;
        keepAlive &= !closing.getAsBoolean();
        metrics.requestAnswered(route, 200);
        HttpResponses.sendLast(ctx, keepAlive);
        onAnswered.accept(this);
    }

    /**
     * Writes {@code last} and closes the connection without ending the chunked body, so no client
     * mistakes the answer for complete. Takes ownership of {@code last}. Event loop only.
     */
    void abortStream(ByteBuf last) {
        if (!streaming || answered) {
            last.release();
            return;
        }
        answered = true;
        keepAlive = false;
        metrics.requestAnswered(route, 200);
        ctx.writeAndFlush(new DefaultHttpContent(last)).addListener(ChannelFutureListener.CLOSE);
        onAnswered.accept(this);
    }

    /** Whether the connection is still open; any thread. */
    boolean open() {
        return ctx.channel().isActive();
    }

    /** Whether the connection takes more output without queueing past its high-water mark; any thread. */
    boolean writable() {
        return ctx.channel().isWritable();
    }

    /** Called by the router when the connection closed before an answer. */
    void abandon() {
        if (answered) {
            return;
        }
        answered = true;
        metrics.requestAnswered(route, CLIENT_CLOSED);
        onAbandon.run();
    }
}
