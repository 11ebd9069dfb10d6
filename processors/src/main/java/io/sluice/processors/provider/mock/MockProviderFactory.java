package io.sluice.processors.provider.mock;

import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderFactory;
import java.time.Duration;

/**
 * Creates {@code mock} providers. Option {@value #SLOW_DELAY_OPTION} sets how long
 * {@code mock-slow} waits (milliseconds, default {@value #DEFAULT_SLOW_DELAY_MS}); option
 * {@value #STREAM_CHUNK_DELAY_OPTION} how long {@code mock-stream} waits before each chunk
 * (milliseconds, default {@value #DEFAULT_STREAM_CHUNK_DELAY_MS}); option
 * {@value #RETRY_AFTER_OPTION} the {@code Retry-After} of {@code mock-flaky-429} (milliseconds,
 * default {@value #DEFAULT_RETRY_AFTER_MS}).
 */
public final class MockProviderFactory implements ProviderFactory {
    public static final String TYPE = "mock";
    public static final String SLOW_DELAY_OPTION = "slow-delay-ms";
    public static final long DEFAULT_SLOW_DELAY_MS = 2000;
    public static final String STREAM_CHUNK_DELAY_OPTION = "stream-chunk-delay-ms";
    public static final long DEFAULT_STREAM_CHUNK_DELAY_MS = 20;
    public static final String RETRY_AFTER_OPTION = "retry-after-ms";
    public static final long DEFAULT_RETRY_AFTER_MS = 1000;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Provider create(DeploymentSettings settings, ProviderContext context) {
        Duration slowDelay = Duration.ofMillis(settings.longOption(SLOW_DELAY_OPTION, DEFAULT_SLOW_DELAY_MS));
        Duration chunkDelay = Duration.ofMillis(
                settings.longOption(STREAM_CHUNK_DELAY_OPTION, DEFAULT_STREAM_CHUNK_DELAY_MS));
        Duration retryAfter = Duration.ofMillis(settings.longOption(RETRY_AFTER_OPTION, DEFAULT_RETRY_AFTER_MS));
        return new MockProvider(context.scheduler(), slowDelay, chunkDelay, retryAfter);
    }
}
