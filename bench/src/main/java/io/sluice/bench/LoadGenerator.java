package io.sluice.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 keep-alive load generator on Netty. Two modes, each with a warm-up that is not counted:
 * <ul>
 *   <li>{@link #closedLoop}: N connections each sending back to back; measures throughput;</li>
 *   <li>{@link #fixedRate}: open loop at R req/s over C connections; latency counts from the intended
 *       send time, so a stall is not hidden by sending less (no coordinated omission).</li>
 * </ul>
 * Latencies of 2xx responses go to an HdrHistogram in microseconds; other statuses and requests without
 * a response are counted apart. For a {@linkplain HttpTarget#streamed() streamed} target the latency is
 * the stream's total time, and the time to first token, the content chunks and the streams that did not
 * end with {@code [DONE]} are measured too ({@link StreamFigures}); for a target that
 * {@linkplain HttpTarget#mark() marks} answers, the completions carrying the mark are counted ({@link MarkCount}).
 * Connections that close are replaced.
 * One phase at a time.
 *
 * <pre>{@code
 * try (LoadGenerator load = new LoadGenerator(HttpTarget.jsonPost(url, body, key), 1, Duration.ofSeconds(30))) {
 *     LoadResult r = load.fixedRate("direct", 500, 64, 2500, Duration.ofSeconds(10), Duration.ofSeconds(20));
 * }
 * }</pre>
 */
public final class LoadGenerator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final long RECONNECT_DELAY_MILLIS = 100;

    private final HttpTarget target;
    private final RequestTemplate requests;
    private final Duration requestTimeout;
    private final Transport transport = Transport.best();
    private final EventLoopGroup group;

    /**
     * @param ioThreads      event-loop threads of the generator
     * @param requestTimeout a request without a complete response after this long is LOST; it is also how
     *                       long a phase waits for its last responses
     */
    public LoadGenerator(HttpTarget target, int ioThreads, Duration requestTimeout) {
        this.target = Objects.requireNonNull(target, "target");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1, was " + ioThreads);
        }
        if (requestTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("requestTimeout must be at least 1 ms, was " + requestTimeout);
        }
        this.requests = new RequestTemplate(target);
        this.group = transport.newGroup(ioThreads, "load-generator");
    }

    /** {@code connections} connections sending back to back for {@code warmup + measure}. */
    public LoadResult closedLoop(String label, int connections, Duration warmup, Duration measure)
            throws IOException, InterruptedException {
        ClosedLoopRun run = new ClosedLoopRun(warmup, measure);
        return execute(label, run, connections, () -> run.begin(System.nanoTime()));
    }

    /** Open loop at {@code ratePerSecond} over {@code connections}, at most {@code maxOutstanding} queued or in flight. */
    public LoadResult fixedRate(String label, int ratePerSecond, int connections, int maxOutstanding,
                                Duration warmup, Duration measure) throws IOException, InterruptedException {
        FixedRateRun run = new FixedRateRun(ratePerSecond, maxOutstanding, warmup, measure);
        return execute(label, run, connections, () -> run.begin(System.nanoTime(), group.next()));
    }

    private LoadResult execute(String label, LoadRun run, int connections, Runnable begin)
            throws IOException, InterruptedException {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1, was " + connections);
        }
        ChannelGroup channels = new DefaultChannelGroup("load-" + label, GlobalEventExecutor.INSTANCE);
        try {
            List<ClientConnection> initial = connectAll(run, connections, channels);
            begin.run();
            for (ClientConnection connection : initial) {
                connection.channel().eventLoop().execute(() -> run.onIdle(connection));
            }
            LOG.info("event=load_phase_started label={} connections={} transport={}", label, connections, transport);
            awaitEnd(run);
        } finally {
            run.stop();
            channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (requests.streamed()) {
            return run.streamResult(label);
        }
        return requests.mark() == null ? run.result(label) : run.result(label, requests.mark());
    }

    private List<ClientConnection> connectAll(LoadRun run, int connections, ChannelGroup channels)
            throws IOException, InterruptedException {
        List<ChannelFuture> futures = new ArrayList<>(connections);
        List<ClientConnection> handlers = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            ClientConnection handler = new ClientConnection(run, requests, requestTimeout.toNanos(), false);
            handlers.add(handler);
            futures.add(connect(run, handler, channels));
        }
        for (ChannelFuture future : futures) {
            if (!future.await(CONNECT_TIMEOUT.toMillis() + 1000) || !future.isSuccess()) {
                throw new IOException("cannot connect to " + target.url(), future.cause());
            }
        }
        return handlers;
    }

    private ChannelFuture connect(LoadRun run, ClientConnection handler, ChannelGroup channels) {
        ChannelFuture future = new Bootstrap()
                .group(group)
                .channel(transport.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("http-codec", new HttpClientCodec())
                                .addLast("load-connection", handler);
                    }
                })
                .connect(target.url().getHost(), target.port());
        Channel channel = future.channel();
        channels.add(channel);
        channel.closeFuture().addListener(closed -> replaceLater(run, channels, future.isSuccess() ? 0 : RECONNECT_DELAY_MILLIS));
        return future;
    }

    /**
     * Keeps the connection count while the run lasts: a closed connection is replaced at once, a failed
     * connect is retried after a short pause.
     */
    private void replaceLater(LoadRun run, ChannelGroup channels, long delayMillis) {
        if (run.stopped() || !run.started() || group.isShuttingDown()) {
            return;
        }
        try {
            group.schedule(() -> {
                if (!run.stopped()) {
                    connect(run, new ClientConnection(run, requests, requestTimeout.toNanos(), true), channels).addListener(connected -> {
                        if (!connected.isSuccess()) {
                            LOG.debug("event=load_reconnect_failed url={} error={}", target.url(), String.valueOf(connected.cause()));
                        }
                    });
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            LOG.debug("event=load_reconnect_skipped reason=generator_closing");
        }
    }

    /** Sleeps (on the caller's thread) through warm-up and measurement, then waits for the last responses. */
    private void awaitEnd(LoadRun run) throws InterruptedException {
        long end = run.measureEnd();
        long sleepNanos;
        while ((sleepNanos = end - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(sleepNanos, TimeUnit.MILLISECONDS.toNanos(200)));
        }
        long drainDeadline = System.nanoTime() + requestTimeout.toNanos();
        while (run.outstanding.get() > 0 && System.nanoTime() < drainDeadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
