package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LoadStatisticsTest {

    private static final long MS = 1_000_000L;

    @Test
    void onlyRequestsSentInsideTheMeasuredWindowAreCounted() {
        // given a run with 1 s of warm-up and 2 s of measurement starting at t=0
        ClosedLoopRun run = new ClosedLoopRun(Duration.ofSeconds(1), Duration.ofSeconds(2));
        run.begin(0);

        // when requests complete that were sent during warm-up, inside the window, and after it
        send(run, 500 * MS, 200, 2 * MS);      // warm-up: ignored
        send(run, 1500 * MS, 200, 2 * MS);     // counted, 2 ms
        send(run, 2000 * MS, 200, 4 * MS);     // counted, 4 ms
        send(run, 2500 * MS, 503, 1 * MS);     // counted as non-2xx, no latency
        run.outstanding.incrementAndGet();
        run.failed(2600 * MS);                 // counted as an error
        send(run, 3000 * MS, 200, 1 * MS);     // after the window: ignored
        run.stop();
        LoadResult result = run.result("closed");

        // then
        assertThat(result.ok()).isEqualTo(2);
        assertThat(result.non2xx()).isEqualTo(1);
        assertThat(result.errors()).isEqualTo(1);
        assertThat(result.latencyMicros().getTotalCount()).isEqualTo(2);
        assertThat(result.maxMicros()).isCloseTo(4000, within(5L));
        assertThat(result.requestsPerSecond()).isEqualTo(1.5);
    }

    @Test
    void requestsStillOutstandingWhenTheRunStopsAreLost() {
        // given two requests in flight inside the window and one dropped by the outstanding bound
        ClosedLoopRun run = new ClosedLoopRun(Duration.ZERO, Duration.ofSeconds(1));
        run.begin(0);
        run.outstanding.addAndGet(2);
        run.dropped(10 * MS);

        // when the run stops before they are answered, and one answer arrives too late
        run.stop();
        run.completed(20 * MS, 200, 30 * MS);
        LoadResult result = run.result("stalled");

        // then nothing succeeded and all three count as lost
        assertThat(result.ok()).isZero();
        assertThat(result.lost()).isEqualTo(3);
        assertThat(result.percentileMicros(99)).isZero();
    }

    @Test
    void overheadIsSluiceMinusDirectPerPercentile() {
        // given a direct run uniformly 1..100 ms and a Sluice run 3 ms slower everywhere
        Histogram direct = new Histogram(3);
        Histogram sluice = new Histogram(3);
        for (int ms = 1; ms <= 100; ms++) {
            direct.recordValue(ms * 1000L);
            sluice.recordValue((ms + 3) * 1000L);
        }
        Duration second = Duration.ofSeconds(1);

        // when
        Overhead overhead = Overhead.between(new LoadResult("direct", second, direct, 100, 0, 0, 0),
                new LoadResult("sluice", second, sluice, 100, 0, 0, 0));

        // then every percentile is about 3 ms higher
        assertThat(overhead.p50Micros()).isCloseTo(3000, within(100L));
        assertThat(overhead.p90Micros()).isCloseTo(3000, within(100L));
        assertThat(overhead.p99Micros()).isCloseTo(3000, within(100L));
    }

    private static void send(LoadRun run, long sentNanos, int status, long latencyNanos) {
        run.outstanding.incrementAndGet();
        run.completed(sentNanos, status, sentNanos + latencyNanos);
    }
}
