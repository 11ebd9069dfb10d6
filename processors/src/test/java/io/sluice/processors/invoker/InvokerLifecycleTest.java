package io.sluice.processors.invoker;

import static io.sluice.processors.invoker.InvokerHarness.P0;
import static io.sluice.processors.invoker.InvokerHarness.await;
import static io.sluice.processors.invoker.TestInvocations.invocation;
import static io.sluice.processors.provider.TestRequests.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.avro.AiResponse;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.Providers;
import io.sluice.schemas.Telemetry;
import io.sluice.schemas.registry.InMemorySchemaStore;
import io.sluice.schemas.topic.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

/** The invoker on its own thread: it starts, stops when asked, and stops on its own when it must. */
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
            var invoker = new Invoker(new InvokerSettings("test", 8, Duration.ofSeconds(2), 1 << 20),
                    new Topics("sluice.", new InMemorySchemaStore()), props, providers, meters, Clock.systemUTC());
            assertThat(meters.find(Telemetry.INVOKER_IN_FLIGHT).gauge()).isNotNull();

            invoker.start();
            assertThat(invoker.isRunning()).isTrue();
            assertThatThrownBy(invoker::start).isInstanceOf(IllegalStateException.class);

            invoker.close();

            assertThat(invoker.isRunning()).isFalse();
            assertThat(invoker.failure()).isEmpty();
            assertThat(meters.find(Telemetry.INVOKER_IN_FLIGHT).gauge()).as("the gauge goes with the invoker").isNull();
        }
    }

    @Test
    void anInvokerThatNeverStartedClosesItsClients() throws IOException {
        try (var providers = Providers.load(List.of(deployment("local", "mock")),
                ProviderContext.create(Clock.systemUTC()))) {
            var invoker = new Invoker(new InvokerSettings("test", 8, null, 1 << 20),
                    new Topics("sluice.", new InMemorySchemaStore()), Map.of("bootstrap.servers", deadBootstrap()),
                    providers, meters, Clock.systemUTC());

            invoker.close();
            invoker.close();

            assertThat(invoker.isRunning()).isFalse();
            assertThatThrownBy(invoker::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closeWaitsForCallsInFlightAndCommitsThem() throws InterruptedException {
        try (var harness = InvokerHarness.threaded(16, true)) {
            harness.add(P0, 0, invocation("req-1", "manual", "m"));
            await("call started", () -> harness.manual.calls.size() == 1);

            var closing = new Thread(harness.invoker::close);
            closing.start();
            await("polling stopped", () -> !harness.invoker.isRunning());
            harness.manual.answer(0);
            closing.join(TimeUnit.SECONDS.toMillis(20));

            assertThat(closing.isAlive()).isFalse();
            assertThat(harness.responses()).extracting(AiResponse::getRequestId).containsExactly("req-1");
            assertThat(harness.committed(P0)).isEqualTo(1);
            assertThat(harness.consumer.closed()).isTrue();
        }
    }

    @Test
    void aFailedProduceStopsTheInvokerThreadAndSaysWhy() {
        try (var harness = InvokerHarness.threaded(16, false)) {
            harness.add(P0, 0, invocation("req-1", "local", "mock-echo"));
            await("three records produced", () -> harness.producer.history().size() == 3);

            harness.producer.errorNext(new KafkaException("broker gone"));
            harness.acknowledgeAll();

            await("invoker stopped", () -> !harness.invoker.isRunning());
            assertThat(harness.invoker.failure()).get().extracting(Throwable::getMessage).isEqualTo("broker gone");
            await("clients closed", harness.consumer::closed);
            assertThat(harness.committed(P0)).isEqualTo(-1);
        }
    }
}
