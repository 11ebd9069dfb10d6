package io.sluice.ingress;

import static io.sluice.ingress.Sketches.minute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.MetricsRecord;
import io.sluice.schemas.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class MetricsBoardTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");
    private static final Instant MINUTE = Instant.parse("2026-03-01T10:15:00Z");
    private static final Topic<String, MetricsRecord> TOPIC = HttpHarness.topics().metrics();

    private final MutableClock clock = new MutableClock(NOW);
    private final MetricsBoard board = new MetricsBoard(TOPIC, clock, Duration.ofMinutes(10));

    @Test
    void given_a_window_republished_when_revisions_arrive_out_of_order_then_the_highest_holds() {
        Instant window = MINUTE.minusSeconds(120);
        board.accept(MinuteStats.of(minute("acme", "gpt", window, 1, 100, 50)));
        board.accept(MinuteStats.of(minute("acme", "gpt", window, 3, 300, 50, 60, 70)));
        board.accept(MinuteStats.of(minute("acme", "gpt", window, 2, 200, 50, 60)));

        List<MinuteStats> minutes = only(board.series(null, board.oldestKept()));
        assertThat(minutes).singleElement().satisfies(m -> {
            assertThat(m.revision()).isEqualTo(3);
            assertThat(m.costMicros()).isEqualTo(300);
            assertThat(m.requests()).isEqualTo(3);
        });

        // a replay of the same revision is taken as it comes (the later record of a tie wins)
        board.accept(MinuteStats.of(minute("acme", "gpt", window, 3, 301, 50, 60, 70)));
        assertThat(only(board.series(null, board.oldestKept())).get(0).costMicros()).isEqualTo(301);
    }

    @Test
    void given_the_clock_moves_on_when_evicting_then_minutes_that_left_the_window_are_forgotten() {
        // a window of 10 closed minutes at 10:15:30 keeps 10:05 to 10:14, and 10:15 should it come
        for (int i = 0; i <= 10; i++) {
            board.accept(MinuteStats.of(minute("acme", "gpt", MINUTE.minusSeconds(60L * i), 1, 10, 5)));
        }
        board.accept(MinuteStats.of(minute("globex", "claude", MINUTE.minusSeconds(60L * 8), 1, 10, 5)));
        assertThat(board.oldestKept()).isEqualTo(MINUTE.minus(Duration.ofMinutes(10)));
        assertThat(board.series(null, board.oldestKept())).hasSize(2);
        assertThat(only(board.series("acme", board.oldestKept()))).hasSize(11);

        clock.advance(Duration.ofMinutes(3));
        board.evict();

        assertThat(board.series(null, Instant.EPOCH)).singleElement().satisfies(s -> {
            assertThat(s.tenant()).isEqualTo("acme");
            assertThat(s.minutes()).hasSize(8);
            assertThat(s.minutes().get(0).minute()).isEqualTo(MINUTE.minusSeconds(60L * 7)).isEqualTo(board.oldestKept());
        });
    }

    @Test
    void given_minutes_outside_the_window_when_they_arrive_then_they_are_not_kept() {
        board.accept(MinuteStats.of(minute("acme", "gpt", MINUTE.minusSeconds(60L * 11), 1, 10, 5)));
        board.accept(MinuteStats.of(minute("acme", "gpt", MINUTE.plus(Duration.ofMinutes(3)), 1, 10, 5)));
        assertThat(board.series(null, Instant.EPOCH)).isEmpty();

        board.accept(MinuteStats.of(minute("acme", "gpt", MINUTE.plus(Duration.ofMinutes(2)), 1, 10, 5)));
        board.accept(MinuteStats.of(minute("acme", "gpt", MINUTE.minusSeconds(60L * 10).plusSeconds(59), 1, 10, 5)));
        assertThat(only(board.series(null, Instant.EPOCH))).extracting(MinuteStats::minute)
                .containsExactly(MINUTE.minusSeconds(60L * 10), MINUTE.plus(Duration.ofMinutes(2)));
    }

    @Test
    void given_several_tenants_when_one_is_asked_for_then_only_its_series_come_back_sorted() {
        board.accept(MinuteStats.of(minute("globex", "gpt", MINUTE, 1, 10, 5)));
        board.accept(MinuteStats.of(minute("acme", "gpt", MINUTE, 1, 10, 5)));
        board.accept(MinuteStats.of(minute("acme", "claude", MINUTE, 1, 10, 5)));
        board.accept(MinuteStats.of(minute("acme-eu", "gpt", MINUTE, 1, 10, 5)));

        assertThat(board.series("acme", board.oldestKept()))
                .extracting(s -> s.tenant() + "/" + s.model()).containsExactly("acme/claude", "acme/gpt");
        assertThat(board.series(null, board.oldestKept()))
                .extracting(s -> s.tenant() + "/" + s.model())
                .containsExactly("acme/claude", "acme/gpt", "acme-eu/gpt", "globex/gpt");
        assertThat(board.series("initech", board.oldestKept())).isEmpty();
        assertThat(board.series("acme", MINUTE.plusSeconds(60))).isEmpty();
    }

    @Test
    void given_unreadable_records_on_the_topic_when_applied_then_they_are_skipped_and_later_ones_kept() {
        byte[] good = TOPIC.valueSerde().serializer().serialize(TOPIC.name(), minute("acme", "gpt", MINUTE, 1, 10, 5));
        MetricsRecord negative = minute("acme", "bad", MINUTE, 1, 10, 5);
        negative.setCostMicros(-1L);
        MetricsRecord wild = minute("acme", "wild", MINUTE, 1, 10, 5);
        wild.getLatency().setAlpha(0.9);

        board.apply(record(0, "garbage".getBytes(StandardCharsets.UTF_8)));
        board.apply(record(1, new byte[] {0, 0, 0, 0, 1, 2}));
        board.apply(record(2, TOPIC.valueSerde().serializer().serialize(TOPIC.name(), negative)));
        board.apply(record(3, TOPIC.valueSerde().serializer().serialize(TOPIC.name(), wild)));
        board.apply(record(4, null));
        board.apply(record(5, good));

        assertThat(board.series(null, board.oldestKept())).singleElement()
                .satisfies(s -> assertThat(s.model()).isEqualTo("gpt"));
    }

    @Test
    void given_the_most_series_when_a_new_pair_arrives_then_it_is_dropped_until_others_age_out() {
        for (int i = 0; i < MetricsBoard.MAX_SERIES; i++) {
            board.accept(MinuteStats.of(minute("t" + i, "gpt", MINUTE.minusSeconds(60L * 10), 1, 1, 5)));
        }
        board.accept(MinuteStats.of(minute("late", "gpt", MINUTE, 1, 1, 5)));
        board.accept(MinuteStats.of(minute("t0", "gpt", MINUTE, 1, 1, 5)));
        assertThat(board.series("late", Instant.EPOCH)).isEmpty();
        assertThat(only(board.series("t0", Instant.EPOCH))).hasSize(2);

        clock.advance(Duration.ofMinutes(1));
        board.evict();
        board.accept(MinuteStats.of(minute("late", "gpt", MINUTE, 1, 1, 5)));

        assertThat(board.series(null, Instant.EPOCH)).extracting(MetricsBoard.Series::tenant).containsExactly("late", "t0");
    }

    @Test
    void a_window_of_other_than_whole_minutes_is_refused() {
        assertThatThrownBy(() -> new MetricsBoard(TOPIC, clock, Duration.ofSeconds(90)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetricsBoard(TOPIC, clock, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new MetricsBoard(TOPIC, clock, Duration.ofMinutes(60)).minutes()).isEqualTo(60);
    }

    private static List<MinuteStats> only(List<MetricsBoard.Series> series) {
        assertThat(series).hasSize(1);
        return series.get(0).minutes();
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
        return new ConsumerRecord<>(TOPIC.name(), 0, offset, "acme".getBytes(StandardCharsets.UTF_8), value);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
