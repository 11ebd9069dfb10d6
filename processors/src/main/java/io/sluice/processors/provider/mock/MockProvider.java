package io.sluice.processors.provider.mock;

import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.StreamSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers by model name (see {@link MockAnswers} for what each name does). {@code mock-slow}
 * answers after the configured delay, or with a 504 timeout error once the deployment's timeout
 * has passed if that comes first.
 *
 * <p>Streamed, the echo comes word by word ({@link MockAnswers#pieces}), with the same usage as
 * the non-streamed answer:
 * <ul>
 *   <li>{@code mock-stream}: one piece per configured chunk delay, through the scheduler;
 *   <li>{@code mock-stall}: the first two pieces, then nothing: the future never completes, so
 *       that the caller's deadline or cancellation has to end it;
 *   <li>{@code mock-stream-error}: the first two pieces, then a retryable 500 error;
 *   <li>{@code mock-slow} and the error models: the default of {@link Provider#stream} (the whole
 *       answer as one piece, or the error without any);
 *   <li>any other echo, {@code mock-echo} included: every piece at once, before {@code stream}
 *       returns.
 * </ul>
 * Non-streamed, the streaming models answer like {@code mock-echo}.
 *
 * <p>{@code mock-flaky} fails every other call of its deployment, starting with the first, with a
 * retryable 503; {@code mock-flaky-429} does the same with a 429 and a {@code Retry-After} of the
 * configured rate-limit wait. The calls in between echo. They let tests and demos watch a retry
 * succeed.
 */
final class MockProvider implements Provider {
    static final String SLOW_MODEL = "mock-slow";
    static final String STREAM_MODEL = "mock-stream";
    static final String STALL_MODEL = "mock-stall";
    static final String STREAM_ERROR_MODEL = "mock-stream-error";
    static final String FLAKY_MODEL = "mock-flaky";
    static final String FLAKY_429_MODEL = "mock-flaky-429";
    /** How many pieces {@code mock-stall} and {@code mock-stream-error} deliver before they stop. */
    static final int PIECES_BEFORE_TROUBLE = 2;

    private final ScheduledExecutorService scheduler;
    private final Duration slowDelay;
    private final Duration chunkDelay;
    private final Duration retryAfter;
    private final AtomicLong flakyCalls = new AtomicLong();

    MockProvider(ScheduledExecutorService scheduler, Duration slowDelay, Duration chunkDelay, Duration retryAfter) {
        this.scheduler = scheduler;
        this.slowDelay = slowDelay;
        this.chunkDelay = chunkDelay;
        this.retryAfter = retryAfter;
    }

    @Override
    public CompletableFuture<ProviderResult> complete(ProviderCall call) {
        ProviderError flaky = flaky(call.upstreamModel());
        if (flaky != null) {
            return CompletableFuture.completedFuture(flaky);
        }
        if (!SLOW_MODEL.equals(call.upstreamModel())) {
            return CompletableFuture.completedFuture(MockAnswers.answer(call));
        }
        Duration timeout = call.deployment().timeout();
        boolean timesOut = slowDelay.compareTo(timeout) > 0;
        Duration wait = timesOut ? timeout : slowDelay;
        var result = new CompletableFuture<ProviderResult>();
        Runnable answer = () -> result.complete(timesOut
                ? ProviderError.timedOut(MockProviderFactory.TYPE, timeout)
                : MockAnswers.echo(call));
        scheduler.schedule(answer, wait.toNanos(), TimeUnit.NANOSECONDS);
        return result;
    }

    @Override
    public CompletableFuture<ProviderResult> stream(ProviderCall call, StreamSink sink) {
        String model = call.upstreamModel();
        ProviderError flaky = flaky(model);
        if (flaky != null) {
            return CompletableFuture.completedFuture(flaky);
        }
        if (SLOW_MODEL.equals(model) || !(MockAnswers.answer(call) instanceof Completion echo)) {
            return Provider.super.stream(call, sink);
        }
        List<String> pieces = MockAnswers.pieces(MockAnswers.content(echo));
        sink.model(echo.responseModel());
        switch (model) {
            case STREAM_MODEL -> {
                var result = new CompletableFuture<ProviderResult>();
                pace(pieces, 0, sink, echo, result);
                return result;
            }
            case STALL_MODEL -> {
                deliver(pieces.subList(0, Math.min(PIECES_BEFORE_TROUBLE, pieces.size())), sink);
                return new CompletableFuture<>();
            }
            case STREAM_ERROR_MODEL -> {
                deliver(pieces.subList(0, Math.min(PIECES_BEFORE_TROUBLE, pieces.size())), sink);
                return CompletableFuture.completedFuture(MockAnswers.streamBroke(model));
            }
            default -> {
                deliver(pieces, sink);
                return CompletableFuture.completedFuture(echo);
            }
        }
    }

    /** The failure of a flaky model's odd-numbered call, or null when this call answers. */
    private ProviderError flaky(String model) {
        boolean plain = FLAKY_MODEL.equals(model);
        if (!plain && !FLAKY_429_MODEL.equals(model)) {
            return null;
        }
        if (flakyCalls.getAndIncrement() % 2 == 1) {
            return null;
        }
        return plain
                ? ProviderError.forStatus(MockProviderFactory.TYPE, 503, null, "mock_flaky",
                        "mock model " + model + " fails every other call by design", null)
                : ProviderError.forStatus(MockProviderFactory.TYPE, 429, null, "mock_flaky",
                        "mock model " + model + " is rate limited every other call by design", retryAfter);
    }

    /** Delivers piece {@code next} after the chunk delay, then schedules the one after; stops once the result is done. */
    private void pace(List<String> pieces, int next, StreamSink sink, Completion echo,
            CompletableFuture<ProviderResult> result) {
        if (next == pieces.size()) {
            result.complete(echo);
            return;
        }
        scheduler.schedule(() -> {
            if (!result.isDone()) {
                sink.delta(pieces.get(next));
                pace(pieces, next + 1, sink, echo, result);
            }
        }, chunkDelay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void deliver(List<String> pieces, StreamSink sink) {
        pieces.forEach(sink::delta);
    }
}
