package io.sluice.tests;

import io.sluice.app.kafka.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The one real in-process KRaft broker of a test JVM (see {@link SharedKafkaExtension}). Test
 * classes isolate themselves with a topic prefix of their own ({@link #newPrefix}) rather than a
 * broker of their own, so the suite stays fast.
 */
public final class SharedKafka implements AutoCloseable {
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private final EmbeddedKafka broker;
    private final Path dir;

    SharedKafka() {
        try {
            dir = Files.createTempDirectory("sluice-test-kafka");
            int brokerPort;
            int controllerPort;
            try (var a = new ServerSocket(0); var b = new ServerSocket(0)) {
                brokerPort = a.getLocalPort();
                controllerPort = b.getLocalPort();
            }
            broker = new EmbeddedKafka(dir, brokerPort, controllerPort, 3);
            broker.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public Map<String, Object> clientProps() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /** A topic prefix no other test in this JVM uses, e.g. {@code e2e3.}. */
    public static String newPrefix(String hint) {
        return hint + PREFIXES.incrementAndGet() + ".";
    }

    @Override
    public void close() throws IOException {
        broker.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
