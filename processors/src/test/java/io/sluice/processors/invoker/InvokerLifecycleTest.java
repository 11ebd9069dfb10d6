package io.sluice.processors.invoker;

import static io.sluice.processors.provider.TestRequests.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.Providers;
import io.sluice.schemas.registry.InMemorySchemaStore;
import io.sluice.schemas.topic.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The invoker with real Kafka clients and no broker: it starts, and it stops when asked. */
class InvokerLifecycleTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private static String deadBootstrap() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void startsOnceAndClosesPromptlyWithoutABroker() throws IOException {
        Map<String, Object> props = Map.of("bootstrap.servers", deadBootstrap(), "reconnect.backoff.max.ms", 100);
        try (var providers = Providers.load(List.of(deployment("local", "mock")),
                ProviderContext.create(Clock.systemUTC()))) {
            var invoker = new Invoker(new InvokerSettings("test", 8, Duration.ofSeconds(2)),
                    new Topics("sluice.", new InMemorySchemaStore()), props, providers, meters, Clock.systemUTC());
            assertThat(meters.find(InvokerMetrics.IN_FLIGHT).gauge()).isNotNull();

            invoker.start();
            assertThat(invoker.isRunning()).isTrue();
            assertThatThrownBy(invoker::start).isInstanceOf(IllegalStateException.class);

            invoker.close();

            assertThat(invoker.isRunning()).isFalse();
            assertThat(invoker.failure()).isEmpty();
            assertThat(meters.find(InvokerMetrics.IN_FLIGHT).gauge()).as("the gauge goes with the invoker").isNull();
        }
    }

    @Test
    void anInvokerThatNeverStartedClosesItsClients() throws IOException {
        try (var providers = Providers.load(List.of(deployment("local", "mock")),
                ProviderContext.create(Clock.systemUTC()))) {
            var invoker = new Invoker(InvokerSettings.defaults("test"), new Topics("sluice.", new InMemorySchemaStore()),
                    Map.of("bootstrap.servers", deadBootstrap()), providers, meters, Clock.systemUTC());

            invoker.close();

            assertThat(invoker.isRunning()).isFalse();
            assertThatThrownBy(invoker::start).isInstanceOf(IllegalStateException.class);
        }
    }
}
