package io.sluice.processors.provider.mock;

import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Answers by model name (see {@link MockAnswers} for what each name does). {@code mock-slow}
 * answers after the configured delay, or with a 504 timeout error once the deployment's timeout
 * has passed if that comes first.
 */
final class MockProvider implements Provider {
    static final String SLOW_MODEL = "mock-slow";

    private final ScheduledExecutorService scheduler;
    private final Duration slowDelay;

    MockProvider(ScheduledExecutorService scheduler, Duration slowDelay) {
        this.scheduler = scheduler;
        this.slowDelay = slowDelay;
    }

    @Override
    public CompletableFuture<ProviderResult> complete(ProviderCall call) {
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
}
