package io.sluice.processors.provider.mock;

import static io.sluice.processors.provider.TestRequests.deployment;
import static io.sluice.processors.provider.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.SamplingParams;
import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.RecordingSink;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The mock provider, streamed. */
class MockStreamTest {
    private static final String QUESTION = "  what is   the\ttime now ";

    private final DeploymentSettings local = deployment("local", "mock");
    private final QueueingScheduler scheduler = new QueueingScheduler();
    private final MockProvider provider = new MockProvider(scheduler, Duration.ofMillis(1500), Duration.ofMillis(35), Duration.ofMillis(1000));
    private final RecordingSink sink = new RecordingSink();

    private ProviderCall call(String model) {
        return new ProviderCall(request("r1", QUESTION).build(), model, local);
    }

    @Test
    void echoStreamsWordByWordAndTheChunksJoinToTheUnstreamedAnswer() {
        var unstreamed = (Completion) provider.complete(call("mock-echo")).join();

        var streamed = (Completion) provider.stream(call("mock-echo"), sink).join();

        assertThat(sink.deltas()).containsExactly("  what ", "is   ", "the\t", "time ", "now ");
        assertThat(String.join("", sink.deltas())).isEqualTo(QUESTION)
                .isEqualTo(streamed.choices().get(0).getMessage().getContent());
        assertThat(streamed).isEqualTo(unstreamed);
        assertThat(sink.events).first().isEqualTo("model:mock-echo");
        assertThat(scheduler.tasks).as("mock-echo does not wait").isEmpty();
    }

    @Test
    void aCutAnswerStreamsOnlyTheWordsItKeeps() {
        var params = SamplingParams.newBuilder().setMaxTokens(2).build();
        var call = new ProviderCall(request("r1", QUESTION).setParams(params).build(), "mock-echo", local);

        var streamed = (Completion) provider.stream(call, sink).join();

        assertThat(sink.deltas()).containsExactly("what ", "is");
        assertThat(streamed.choices().get(0).getFinishReason()).isEqualTo("length");
        assertThat(streamed.usage().getCompletionTokens()).isEqualTo(2);
    }

    @Test
    void mockStreamWaitsTheChunkDelayBeforeEachChunk() {
        CompletableFuture<ProviderResult> future = provider.stream(call("mock-stream"), sink);

        for (int delivered = 0; delivered < 5; delivered++) {
            assertThat(sink.deltas()).hasSize(delivered);
            assertThat(future).isNotDone();
            assertThat(scheduler.delays.poll()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(35));
            scheduler.runNext();
        }

        assertThat(String.join("", sink.deltas())).isEqualTo(QUESTION);
        assertThat(future.join()).isEqualTo(provider.complete(call("mock-stream")).join());
    }

    @Test
    void cancellingMockStreamStopsItsChunks() {
        CompletableFuture<ProviderResult> future = provider.stream(call("mock-stream"), sink);
        scheduler.runNext();

        future.cancel(true);
        scheduler.runNext();

        assertThat(sink.deltas()).containsExactly("  what ");
        assertThat(scheduler.tasks).isEmpty();
    }

    @Test
    void mockStallDeliversTwoChunksAndNeverCompletes() {
        CompletableFuture<ProviderResult> future = provider.stream(call("mock-stall"), sink);

        assertThat(sink.deltas()).containsExactly("  what ", "is   ");
        assertThat(future).isNotDone();
        assertThat(scheduler.tasks).isEmpty();
    }

    @Test
    void mockStreamErrorBreaksAfterTwoChunksWithARetryableServerError() {
        var result = provider.stream(call("mock-stream-error"), sink).join();

        assertThat(sink.deltas()).containsExactly("  what ", "is   ");
        assertThat((ProviderError) result)
                .extracting(ProviderError::httpStatus, ProviderError::retryable, ProviderError::code)
                .containsExactly(500, true, "mock_stream_error");
    }

    @Test
    void errorModelsFailWithoutAChunk() {
        var result = provider.stream(call("mock-error-429"), sink).join();

        assertThat(sink.deltas()).isEmpty();
        assertThat(((ProviderError) result).httpStatus()).isEqualTo(429);
    }

    @Test
    void mockSlowStreamsItsWholeAnswerAsOneChunkWhenItArrives() {
        CompletableFuture<ProviderResult> future = provider.stream(call("mock-slow"), sink);
        assertThat(sink.deltas()).isEmpty();

        scheduler.runNext();

        assertThat(sink.deltas()).containsExactly(QUESTION);
        assertThat(((Completion) future.join()).usage().getCompletionTokens()).isEqualTo(5);
    }

    @Test
    void factoryReadsTheChunkDelayOption() throws Exception {
        try (var context = ProviderContext.create(Clock.systemUTC())) {
            var settings = new DeploymentSettings("local", "mock", null, null, null, null,
                    Map.of(MockProviderFactory.STREAM_CHUNK_DELAY_OPTION, "0"));
            var fast = new MockProviderFactory().create(settings, context);

            var result = fast.stream(new ProviderCall(request("r1", "one two").build(), "mock-stream", settings), sink)
                    .get(10, TimeUnit.SECONDS);

            assertThat(sink.deltas()).containsExactly("one ", "two");
            assertThat(result).isInstanceOf(Completion.class);
        }
    }

    /** Queues scheduled tasks for the test to run by hand. */
    private static final class QueueingScheduler extends ScheduledThreadPoolExecutor {
        final Queue<Runnable> tasks = new ArrayDeque<>();
        final Queue<Long> delays = new ArrayDeque<>();

        QueueingScheduler() {
            super(0);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            tasks.add(command);
            delays.add(unit.toNanos(delay));
            return null;
        }

        void runNext() {
            tasks.remove().run();
        }
    }
}
