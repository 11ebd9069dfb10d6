package io.sluice.ingress;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;

/**
 * The pipeline of one client connection, every handler named:
 * {@code [tls ->] read-deadline -> http-codec -> request-read -> idle -> aggregator -> router}.
 * The codec is Netty's strict request decoder with obs-fold refused ({@link StrictRequestDecoder})
 * and its response encoder; request lines over {@link #MAX_REQUEST_LINE} bytes are a 414 and
 * headers over {@link #MAX_HEADER_BYTES} a 431.
 */
final class HttpServerInitializer extends ChannelInitializer<Channel> {
    static final String TLS = "tls";
    static final String READ_DEADLINE = "read-deadline";
    static final String CODEC = "http-codec";
    static final String REQUEST_READ = "request-read";
    static final String IDLE = "idle";
    static final String AGGREGATOR = "aggregator";
    static final String ROUTER = "router";
    static final int MAX_REQUEST_LINE = 4096;
    static final int MAX_HEADER_BYTES = 8192;

    private final RouteTable routes;
    private final Perimeter perimeter;
    private final IngressMetrics metrics;
    private final IngressSettings settings;
    private final SslContext tls;
    private final BooleanSupplier closing;
    private final ToIntFunction<io.netty.handler.codec.http.HttpRequest> maxBodyBytes;
    private final int maxAnyBodyBytes;

    /**
     * @param tls     the server's TLS context, or null for plain HTTP
     * @param closing turns true when the server stops: from then on every connection closes after its answer
     */
    HttpServerInitializer(RouteTable routes, Perimeter perimeter, IngressMetrics metrics, IngressSettings settings,
                          SslContext tls, BooleanSupplier closing) {
        this.routes = routes;
        this.perimeter = perimeter;
        this.metrics = metrics;
        this.settings = settings;
        this.tls = tls;
        this.closing = closing;
        this.maxBodyBytes = request -> settings.maxBodyBytes();
        this.maxAnyBodyBytes = settings.maxBodyBytes();
    }

    /** As the other constructor, with a body limit by path ({@link IngressRoutes#maxBodyBytes}). */
    HttpServerInitializer(IngressRoutes routes, IngressMetrics metrics, IngressSettings settings, SslContext tls,
                          BooleanSupplier closing) {
        this.routes = routes.table();
        this.perimeter = routes.perimeter();
        this.metrics = metrics;
        this.settings = settings;
        this.tls = tls;
        this.closing = closing;
        this.maxBodyBytes = routes::maxBodyBytes;
        this.maxAnyBodyBytes = routes.maxAnyBodyBytes();
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            SslHandler ssl = tls.newHandler(channel.alloc());
            ssl.setHandshakeTimeout(settings.readDeadline().toMillis(), TimeUnit.MILLISECONDS);
            pipeline.addLast(TLS, ssl);
        }
        var deadline = new ReadDeadline(settings.readDeadline());
        var config = new HttpDecoderConfig().setMaxInitialLineLength(MAX_REQUEST_LINE).setMaxHeaderSize(MAX_HEADER_BYTES);
        pipeline.addLast(READ_DEADLINE, deadline.onBytes());
        pipeline.addLast(CODEC, new CombinedChannelDuplexHandler<>(new StrictRequestDecoder(config),
                new HttpResponseEncoder()));
        pipeline.addLast(REQUEST_READ, deadline.onRequests());
        pipeline.addLast(IDLE, new IdleStateHandler(0, 0, settings.idleTimeout().toNanos(), TimeUnit.NANOSECONDS));
        pipeline.addLast(AGGREGATOR, new OversizedRequestAggregator(maxAnyBodyBytes, maxBodyBytes, routes, metrics));
        pipeline.addLast(ROUTER, new HttpRouter(routes, metrics, closing, perimeter));
    }
}
