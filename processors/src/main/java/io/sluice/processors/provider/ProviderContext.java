package io.sluice.processors.provider;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What all providers share: a clock, one timer thread, and one HTTP client (HTTP/1.1, bounded
 * connect time, redirects never followed). Owned and closed by {@link Providers}.
 */
public final class ProviderContext implements AutoCloseable {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Clock clock;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService httpExecutor;
    private final HttpClient httpClient;

    private ProviderContext(Clock clock, Duration connectTimeout) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemonThreads("sluice-provider-timer"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.httpExecutor = Executors.newCachedThreadPool(daemonThreads("sluice-provider-http"));
        this.httpClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpExecutor)
                .build();
    }

    public static ProviderContext create(Clock clock) {
        return create(clock, DEFAULT_CONNECT_TIMEOUT);
    }

    public static ProviderContext create(Clock clock, Duration connectTimeout) {
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive");
        }
        return new ProviderContext(clock, connectTimeout);
    }

    public Clock clock() {
        return clock;
    }

    /** For timers (delays, deadlines); tasks must be short and never block. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public HttpClient httpClient() {
        return httpClient;
    }

    /** Stops the timer and the HTTP client's threads; calls still in flight are abandoned. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        httpExecutor.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        var counter = new AtomicInteger();
        return runnable -> {
            var thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
