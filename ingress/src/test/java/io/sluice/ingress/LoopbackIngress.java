package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.avro.AiReply;
import io.sluice.avro.AiRequest;
import io.sluice.schemas.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A started {@link IngressServer} on loopback (real Netty bootstrap, epoll or NIO) with Kafka's
 * mock clients, and raw-socket clients that write exactly the bytes a test gives them.
 */
final class LoopbackIngress implements AutoCloseable {
    static final String SECRET = "sk-loopback-acme";
    static final String ADMIN_SECRET = "sk-admin-ops-0123456789";
    private static final int PARTITION = 1;

    final Topics topics = HttpHarness.topics();
    final MockProducer<String, AiRequest> producer = new MockProducer<>(true, null, new StringSerializer(),
            topics.requests().valueSerde().serializer());
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final TopicPartition replies = new TopicPartition(topics.replies().name(), PARTITION);
    private final MockConsumer<byte[], byte[]> consumer = new QuietMockConsumer();
    private final AtomicLong offset = new AtomicLong();
    private final IngressServer server;

    LoopbackIngress(IngressSettings settings, ApiKeyAuthenticator auth) {
        server = new IngressServer(settings, topics, Map.of("bootstrap.servers", "unused:9092"), auth,
                ModelCatalog.of(List.of("mock-echo")), List.of(), registry, Clock.systemUTC(), Duration.ofSeconds(1));
        server.startWith(() -> {
            var pending = new PendingReplies();
            var listener = new ReplyListener(consumer, replies, topics.replies().valueSerde().deserializer(), pending);
            consumer.updateEndOffsets(Map.of(replies, 0L));
            listener.positionAtEnd(Duration.ofSeconds(1));
            listener.start();
            return new KafkaRequestSubmitter(producer, topics.requests().name(), pending, listener);
        });
    }

    /** One tenant key ({@link #SECRET}, tenant acme) and one admin key ({@link #ADMIN_SECRET}). */
    static ApiKeyAuthenticator keys(IpRanges acmeAllowedFrom) {
        return new ApiKeyAuthenticator(List.of(new ApiKey("k1", "acme", "web", ApiKey.hash(SECRET), acmeAllowedFrom)),
                List.of(new AdminKey("ops", ApiKey.hash(ADMIN_SECRET))));
    }

    static IngressSettings settings() {
        return new IngressSettings("127.0.0.1", 0, 8 * 1024, 16, Duration.ofSeconds(30), null, 1);
    }

    int port() {
        return server.port();
    }

    Connection connect() throws IOException {
        return new Connection(new Socket("127.0.0.1", port()));
    }

    AiRequest awaitProduced(int count) throws InterruptedException {
        for (int i = 0; i < 1_000 && producer.history().size() < count; i++) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(producer.history()).as("requests produced").hasSize(count);
        return producer.history().get(count - 1).value();
    }

    void replyWith(AiReply reply) {
        byte[] value = topics.replies().valueSerde().serializer().serialize(replies.topic(), reply);
        long at = offset.getAndIncrement();
        consumer.schedulePollTask(() -> consumer.addRecord(
                new ConsumerRecord<>(replies.topic(), PARTITION, at, null, value)));
    }

    /** An authenticated chat request in raw HTTP/1.1 that closes its connection after the answer. */
    static String chatRequest(String secret) {
        String body = HttpHarness.minimalChat();
        return "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + secret
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body;
    }

    /**
     * The server is still healthy: {@code GET /health} is 200 and a normal chat request is produced
     * and answered, each on a new connection.
     */
    void assertHealthy() throws Exception {
        try (Connection health = connect()) {
            health.send("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(health.readResponse().status()).as("GET /health after the hostile request").isEqualTo(200);
        }
        int before = producer.history().size();
        try (Connection chat = connect()) {
            chat.send(chatRequest(SECRET));
            AiRequest produced = awaitProduced(before + 1);
            replyWith(Replies.successFor(produced, "still here"));
            Response response = chat.readResponse();
            assertThat(response.status()).as("a normal chat request after the hostile request").isEqualTo(200);
            assertThat(response.body()).contains("still here");
        }
    }

    @Override
    public void close() {
        server.close();
        registry.close();
    }

    /** A status line, lower-cased header names and the body of one response. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** A raw client connection: writes bytes as given, reads responses and notices the server closing. */
    static final class Connection implements AutoCloseable {
        private static final Pattern STATUS = Pattern.compile("HTTP/1\\.[01] (\\d{3}) .*");
        private final Socket socket;
        private final PushbackInputStream in;
        private final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(10_000);
            this.in = new PushbackInputStream(socket.getInputStream(), 1);
            this.out = socket.getOutputStream();
        }

        void send(String text) throws IOException {
            send(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Reads one response (its body by Content-Length); fails if the connection ends first. */
        Response readResponse() throws IOException {
            String head = readHead();
            String[] lines = head.split("\r\n");
            Matcher status = STATUS.matcher(lines[0]);
            if (!status.matches()) {
                throw new AssertionError("not a status line: " + lines[0]);
            }
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                throw new AssertionError("the body ended after " + body.length + " of " + length + " bytes");
            }
            return new Response(Integer.parseInt(status.group(1)), headers,
                    new String(body, StandardCharsets.UTF_8));
        }

        private String readHead() throws IOException {
            var head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("the connection closed before a response; read: " + head);
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            return text.substring(0, text.length() - 4);
        }

        /** Every response until the server closes the connection (at most {@code wait} to notice). */
        List<Response> readUntilClosed(Duration wait) throws IOException {
            List<Response> responses = new ArrayList<>();
            socket.setSoTimeout((int) wait.toMillis());
            while (true) {
                int next;
                try {
                    next = in.read();
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("the server kept the connection open after " + responses.size()
                            + " response(s)");
                }
                if (next < 0) {
                    return responses;
                }
                in.unread(next);
                responses.add(readResponse());
            }
        }

        /** Whether the server closes the connection within {@code wait}, having sent nothing more. */
        boolean closedWithin(Duration wait) throws IOException {
            socket.setSoTimeout((int) wait.toMillis());
            try {
                return in.read() < 0;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (java.net.SocketException reset) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
