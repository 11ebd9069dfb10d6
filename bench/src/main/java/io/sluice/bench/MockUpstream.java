package io.sluice.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fast OpenAI-compatible upstream on loopback: {@code POST /v1/chat/completions} answers a fixed
 * {@code chat.completion} (with the request's model and usage) after an optional delay that is scheduled
 * on the event loop, never slept; a request with {@code "stream": true} gets OpenAI server-sent events
 * (chunked, one flush per event) paced by a {@link StreamShape}, ending with {@code data: [DONE]}.
 * Keep-alive; epoll when available.
 *
 * <pre>{@code
 * try (MockUpstream upstream = new MockUpstream(0, Duration.ZERO).start()) {
 *     URI base = upstream.baseUrl(); // http://127.0.0.1:<port>/v1
 * }
 * }</pre>
 */
public final class MockUpstream implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MockUpstream.class);
    private static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    private final int requestedPort;
    private final int ioThreads;
    private final MockUpstreamHandler handler;
    private final Transport transport = Transport.best();
    private EventLoopGroup group;
    private Channel serverChannel;

    /** One I/O thread, so that the mock leaves the other cores to what is being measured. */
    public MockUpstream(int port, Duration delay) {
        this(port, delay, 1, StreamShape.defaults());
    }

    /**
     * {@code port} 0 picks a free port; {@code delay} is added before every completion that is not
     * streamed; {@code stream} shapes the answers to {@code "stream": true}.
     */
    public MockUpstream(int port, Duration delay, int ioThreads, StreamShape stream) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1, was " + ioThreads);
        }
        this.requestedPort = port;
        this.ioThreads = ioThreads;
        Objects.requireNonNull(stream, "stream");
        this.handler = new MockUpstreamHandler(delay.toNanos(), stream);
    }

    /** Binds 127.0.0.1 and returns this; fails if the port is taken. */
    public synchronized MockUpstream start() throws InterruptedException {
        if (group != null) {
            throw new IllegalStateException("already started");
        }
        group = transport.newGroup(ioThreads, "mock-upstream");
        try {
            serverChannel = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast("http-codec", new HttpServerCodec())
                                    .addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                    .addLast("mock-completions", handler);
                        }
                    })
                    .bind("127.0.0.1", requestedPort)
                    .sync()
                    .channel();
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            group = null;
            throw e;
        }
        LOG.info("event=mock_upstream_started port={} transport={} io_threads={}", port(), transport, ioThreads);
        return this;
    }

    /** The bound port (the free one picked when constructed with 0). */
    public synchronized int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("not started");
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** What a provider's base URL should be: {@code http://127.0.0.1:<port>/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** Completions answered so far (not streamed). */
    public long served() {
        return handler.served();
    }

    /** Streamed answers started so far. */
    public long streamed() {
        return handler.streamed();
    }

    @Override
    public synchronized void close() {
        if (group == null) {
            return;
        }
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        group = null;
        serverChannel = null;
    }

    /**
     * {@code java -cp sluice-bench.jar io.sluice.bench.MockUpstream --port 9999 [--delay 50ms] [--threads 1]
     * [--chunks 20] [--first-token-delay 0ms] [--chunk-delay 5ms]}.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = 9999;
        Duration delay = Duration.ZERO;
        int threads = 1;
        StreamShape d = StreamShape.defaults();
        int chunks = d.chunks();
        Duration firstTokenDelay = d.firstTokenDelay();
        Duration chunkDelay = d.chunkDelay();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            switch (flag) {
                case "--port" -> port = Integer.parseInt(value);
                case "--delay" -> delay = BenchOptions.duration(value);
                case "--threads" -> threads = Integer.parseInt(value);
                case "--chunks" -> chunks = Integer.parseInt(value);
                case "--first-token-delay" -> firstTokenDelay = BenchOptions.duration(value);
                case "--chunk-delay" -> chunkDelay = BenchOptions.duration(value);
                default -> throw new IllegalArgumentException("unknown option " + flag + " (use --port N, --delay 50ms, "
                        + "--threads N, --chunks N, --first-token-delay 0ms, --chunk-delay 5ms)");
            }
            i++;
        }
        StreamShape shape = new StreamShape(chunks, firstTokenDelay, chunkDelay);
        MockUpstream upstream = new MockUpstream(port, delay, threads, shape).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            upstream.close();
            stopped.countDown();
        }, "mock-upstream-shutdown"));
        Report.stdout().line("mock upstream listening on " + upstream.baseUrl() + " (delay " + delay.toMillis()
                + " ms; streams: " + shape + "); Ctrl-C stops it");
        stopped.await();
    }
}
