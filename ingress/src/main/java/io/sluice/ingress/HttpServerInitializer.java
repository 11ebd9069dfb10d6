package io.sluice.ingress;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The pipeline of one client connection, every handler named:
 * {@code http-codec -> idle -> aggregator -> router}.
 */
final class HttpServerInitializer extends ChannelInitializer<Channel> {
    static final String CODEC = "http-codec";
    static final String IDLE = "idle";
    static final String AGGREGATOR = "aggregator";
    static final String ROUTER = "router";
    /** Idle keep-alive connections are closed after this long (or the request timeout, if longer). */
    private static final Duration MIN_IDLE = Duration.ofSeconds(60);

    private final RouteTable routes;
    private final IngressMetrics metrics;
    private final int maxBodyBytes;
    private final long idleSeconds;
    private final BooleanSupplier closing;

    /** {@code closing} turns true when the server stops: from then on every connection closes after its answer. */
    HttpServerInitializer(RouteTable routes, IngressMetrics metrics, IngressSettings settings,
                          BooleanSupplier closing) {
        this.routes = routes;
        this.metrics = metrics;
        this.closing = closing;
        this.maxBodyBytes = settings.maxBodyBytes();
        Duration idle = settings.requestTimeout().compareTo(MIN_IDLE) > 0 ? settings.requestTimeout() : MIN_IDLE;
        this.idleSeconds = idle.toSeconds() + 1;
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(CODEC, new HttpServerCodec());
        pipeline.addLast(IDLE, new IdleStateHandler(0, 0, idleSeconds, TimeUnit.SECONDS));
        pipeline.addLast(AGGREGATOR, new OversizedRequestAggregator(maxBodyBytes, routes, metrics));
        pipeline.addLast(ROUTER, new HttpRouter(routes, metrics, closing));
    }
}
