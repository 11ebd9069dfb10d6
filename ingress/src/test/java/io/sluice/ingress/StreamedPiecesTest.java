package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A download streamed from a worker thread over a real (in-JVM) Netty channel: one head, the pieces
 * whole and in order as a chunked body that ends properly; a client that closes the connection
 * stops the worker.
 */
class StreamedPiecesTest {
    private final DefaultEventLoopGroup group = new DefaultEventLoopGroup(2);
    private final StringBuffer received = new StringBuffer();
    private Channel server;
    private Channel client;
    private Exchange exchange;

    @BeforeEach
    void connect() throws Exception {
        LocalAddress address = new LocalAddress("streamed-" + UUID.randomUUID());
        CompletableFuture<ChannelHandlerContext> accepted = new CompletableFuture<>();
        server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        ch.pipeline().addLast(new HttpResponseEncoder(), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelActive(ChannelHandlerContext ctx) {
                                accepted.complete(ctx);
                            }
                        });
                    }
                }).bind(address).sync().channel();
        client = new Bootstrap().group(group).channel(LocalChannel.class).handler(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf bytes = (ByteBuf) msg;
                received.append(bytes.toString(StandardCharsets.UTF_8));
                bytes.release();
            }
        }).connect(address).sync().channel();
        var request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/v1/files/f/content");
        exchange = new Exchange(accepted.get(5, TimeUnit.SECONDS), request, null, "files_content", true, () -> false,
                new IngressMetrics(new SimpleMeterRegistry()), e -> { });
    }

    @AfterEach
    void close() throws Exception {
        client.close().sync();
        server.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void piecesGoOutInOrderAfterOneHeadAsAChunkedBodyThatEnds() throws Exception {
        List<String> pieces = List.of("{\"a\":1}\n", "{\"b\":2}\n", "{\"c\":3}\n", "{\"d\":4}\n", "{\"e\":5}\n");
        var writer = new StreamedPieces(exchange, "application/jsonl");

        CompletableFuture.runAsync(() -> {
            pieces.forEach(p -> writer.write(p.getBytes(StandardCharsets.UTF_8)));
            writer.end();
        }).get(10, TimeUnit.SECONDS);

        String expectedBody = pieces.stream().map(p -> Integer.toHexString(p.length()) + "\r\n" + p + "\r\n")
                .reduce("", String::concat) + "0\r\n\r\n";
        awaitReceived(expectedBody);
        String text = received.toString();
        assertThat(text).startsWith("HTTP/1.1 200 OK\r\n").contains("content-type: application/jsonl\r\n")
                .contains("transfer-encoding: chunked\r\n").endsWith("\r\n\r\n" + expectedBody);
    }

    @Test
    void aClientThatGoesAwayStopsTheWorker() throws Exception {
        var writer = new StreamedPieces(exchange, "application/jsonl");
        CompletableFuture<Void> worker = CompletableFuture.runAsync(() -> {
            while (true) {
                writer.write(new byte[1024]);
            }
        });
        awaitReceived("HTTP/1.1 200 OK");

        client.close().sync();

        assertThat(worker).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
                .havingCause().isInstanceOf(StreamedPieces.ClientGone.class);
    }

    private void awaitReceived(String part) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!received.toString().contains(part) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(received.toString()).contains(part);
    }
}
