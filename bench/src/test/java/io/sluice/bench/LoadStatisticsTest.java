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
    void markedAnswersAreCountedInTheWindowAndOverTheWholePhase() {
        // given a run with 1 s of warm-up and 1 s of measurement, counting x-sluice-cache: hit
        ClosedLoopRun run = new ClosedLoopRun(Duration.ofSeconds(1), Duration.ofSeconds(1));
        run.begin(0);
        HttpTarget.Mark hit = new HttpTarget.Mark("x-sluice-cache", "hit");

        // when a marked and an unmarked answer come in the warm-up, two marked and one unmarked in the window,
        // and a marked 429 (not an answer that counts)
        mark(run, 100 * MS, 200, true);
        mark(run, 200 * MS, 200, false);
        mark(run, 1100 * MS, 200, true);
        mark(run, 1200 * MS, 200, true);
        mark(run, 1300 * MS, 200, false);
        mark(run, 1400 * MS, 429, true);
        run.stop();
        LoadResult result = run.result("hits", hit);

        // then
        assertThat(result.ok()).isEqualTo(3);
        assertThat(result.marks()).isEqualTo(new MarkCount(hit, 2, 3, 5));
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

    @Test
    void streamsCountOnlyWhenTheyEndWithDoneAndTheirFirstTokenIsTimedFromTheSend() {
        // given a streamed run measuring from t=0 for 1 s
        ClosedLoopRun run = new ClosedLoopRun(Duration.ZERO, Duration.ofSeconds(1));
        run.begin(0);

        // when two streams complete, one ends without [DONE], one has an error event, one answers 429
        stream(run, 100 * MS, 200, new StreamOutcome(103 * MS, 20, true, false), 200 * MS);  // ttft 3 ms, total 100 ms
        stream(run, 300 * MS, 200, new StreamOutcome(309 * MS, 18, true, false), 350 * MS);  // ttft 9 ms, total 50 ms
        stream(run, 400 * MS, 200, new StreamOutcome(401 * MS, 5, false, false), 410 * MS);  // cut off: broken
        stream(run, 500 * MS, 200, new StreamOutcome(501 * MS, 5, true, true), 510 * MS);    // error event: broken
        stream(run, 600 * MS, 429, new StreamOutcome(StreamOutcome.NO_CONTENT, 0, false, false), 601 * MS);
        run.outstanding.incrementAndGet();
        run.failed(700 * MS);                                                                 // no response
        stream(run, 1500 * MS, 200, new StreamOutcome(1501 * MS, 20, true, false), 1600 * MS); // after the window
        run.stop();
        LoadResult result = run.streamResult("stream");

        // then
        StreamFigures streams = result.streams();
        assertThat(result.ok()).isEqualTo(2);
        assertThat(result.non2xx()).isEqualTo(1);
        assertThat(streams.broken()).isEqualTo(2);
        assertThat(result.lostStreams()).isEqualTo(3);
        assertThat(streams.ttftMicros().getTotalCount()).isEqualTo(2);
        assertThat(streams.ttftPercentileMicros(50)).isCloseTo(3000, within(5L));
        assertThat(streams.ttftPercentileMicros(100)).isCloseTo(9000, within(10L));
        assertThat(result.percentileMicros(50)).isCloseTo(50_000, within(50L));
        assertThat(result.maxMicros()).isCloseTo(100_000, within(100L));
        assertThat(streams.minChunks()).isEqualTo(18);
        assertThat(streams.maxChunks()).isEqualTo(20);
        assertThat(streams.meanChunks()).isEqualTo(19.0);
        assertThat(result.requestsPerSecond()).isEqualTo(3.0); // the two that counted and the 429; lost ones are not answers
    }

    @Test
    void addedTimeToFirstTokenComparesTheFirstTokensNotTheTotals() {
        // given a direct stream run with ttft 1 ms and a Sluice one with ttft 4 ms, both 100 ms in total
        LoadResult direct = oneStream(1, 100);
        LoadResult sluice = oneStream(4, 100);

        // when
        Overhead firstToken = Overhead.ofFirstToken(direct, sluice);

        // then the first token is 3 ms later through Sluice, the total is the same
        assertThat(firstToken.p50Micros()).isCloseTo(3000, within(10L));
        assertThat(firstToken.p99Micros()).isCloseTo(3000, within(10L));
        assertThat(Overhead.between(direct, sluice).p50Micros()).isCloseTo(0, within(100L));
    }

    private static LoadResult oneStream(long ttftMillis, long totalMillis) {
        ClosedLoopRun run = new ClosedLoopRun(Duration.ZERO, Duration.ofSeconds(1));
        run.begin(0);
        stream(run, 10 * MS, 200, new StreamOutcome((10 + ttftMillis) * MS, 20, true, false), (10 + totalMillis) * MS);
        run.stop();
        return run.streamResult("one");
    }

    private static void stream(LoadRun run, long sentNanos, int status, StreamOutcome outcome, long endNanos) {
        run.outstanding.incrementAndGet();
        run.streamEnded(sentNanos, status, outcome, endNanos);
    }

    private static void mark(LoadRun run, long sentNanos, int status, boolean marked) {
        run.outstanding.incrementAndGet();
        run.completed(sentNanos, status, marked, sentNanos + MS);
    }

    private static void send(LoadRun run, long sentNanos, int status, long latencyNanos) {
        run.outstanding.incrementAndGet();
        run.completed(sentNanos, status, sentNanos + latencyNanos);
    }
}
