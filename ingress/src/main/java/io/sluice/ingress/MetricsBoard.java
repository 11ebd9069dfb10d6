package io.sluice.ingress;

import io.sluice.avro.MetricsRecord;
import io.sluice.schemas.topic.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last closed minutes of every tenant x model (and the current one, should it come), read
 * from the {@code metrics} topic, for the dashboard. A minute is published when it closes and may
 * be published again with a higher revision (a late response); the highest revision of each
 * minute holds (on a tie, the later record). Memory is bounded: minutes older than the window, or
 * more than {@link #FUTURE_SLACK} ahead of the clock, are not kept, and at most
 * {@link #MAX_SERIES} tenant x model pairs are. A record that cannot be read is logged and
 * skipped. Written by one thread (the topic reader), read by any.
 */
final class MetricsBoard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsBoard.class);
    /** Tenant x model pairs kept; records of further pairs are dropped (and logged) until some age out. */
    static final int MAX_SERIES = 2_000;
    /** How far ahead of this host's clock a window may start (another host's clock may run ahead). */
    static final Duration FUTURE_SLACK = Duration.ofMinutes(2);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** One tenant x model and its minutes, oldest first. */
    record Series(String tenant, String model, List<MinuteStats> minutes) {
    }

    private record Key(String tenant, String model) {
    }

    private final Topic<String, MetricsRecord> topic;
    private final Clock clock;
    private final Duration window;
    private final Map<Key, NavigableMap<Instant, MinuteStats>> series = new ConcurrentHashMap<>();
    private long dropped;
    private TopicTail tail;

    /** @param window how many closed minutes are kept: whole minutes, at least one */
    MetricsBoard(Topic<String, MetricsRecord> topic, Clock clock, Duration window) {
        if (window.compareTo(MINUTE) < 0 || window.toSeconds() % 60 != 0 || window.toNanosPart() != 0) {
            throw new IllegalArgumentException("the dashboard window must be whole minutes, at least one, was " + window);
        }
        this.topic = topic;
        this.clock = clock;
        this.window = window;
    }

    /** Starts following the topic from a minute before the window (records are published when their minute closes). */
    void start(Map<String, ?> clientProps) {
        tail = new TopicTail("sluice-ingress-metrics", topic.name(), clientProps,
                () -> oldestKept().minus(MINUTE), this::apply);
        tail.start();
    }

    /** How many closed minutes are kept. */
    int minutes() {
        return (int) window.toMinutes();
    }

    /** The start of the oldest minute kept: the window ends with the last closed minute. */
    Instant oldestKept() {
        return currentMinute().minus(window);
    }

    Instant currentMinute() {
        return now().truncatedTo(ChronoUnit.MINUTES);
    }

    Instant now() {
        return clock.instant();
    }

    void apply(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            apply(record);
        }
        evict();
    }

    /** Keeps what {@code record} says, or logs why it cannot be read; never throws for its content. */
    void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            accept(MinuteStats.of(topic.valueSerde().deserializer().deserialize(record.topic(), record.value())));
        } catch (RuntimeException e) {
            log.warn("metrics_board.unreadable_record partition={} offset={} error={}", record.partition(),
                    record.offset(), e.toString());
        }
    }

    /** Keeps {@code stats} unless its minute is outside the window or a higher revision of it is already kept. */
    void accept(MinuteStats stats) {
        if (stats.minute().isBefore(oldestKept()) || stats.minute().isAfter(currentMinute().plus(FUTURE_SLACK))) {
            return;
        }
        Key key = new Key(stats.tenant(), stats.model());
        NavigableMap<Instant, MinuteStats> minutes = series.get(key);
        if (minutes == null) {
            if (series.size() >= MAX_SERIES) {
                if (dropped++ % 1_000 == 0) {
                    log.warn("metrics_board.too_many_series kept={} dropped_records={}", MAX_SERIES, dropped);
                }
                return;
            }
            minutes = series.computeIfAbsent(key, k -> new ConcurrentSkipListMap<>());
        }
        minutes.merge(stats.minute(), stats, (old, fresh) -> fresh.revision() >= old.revision() ? fresh : old);
    }

    /** Forgets the minutes that left the window, and the series left with none. */
    void evict() {
        Instant oldest = oldestKept();
        series.values().removeIf(minutes -> {
            minutes.headMap(oldest, false).clear();
            return minutes.isEmpty();
        });
    }

    /**
     * The series of {@code tenant} (every tenant's when null) with their minutes from {@code from}
     * on, sorted by tenant and model; series with no minute there are left out.
     */
    List<Series> series(String tenant, Instant from) {
        List<Series> out = new ArrayList<>();
        series.forEach((key, minutes) -> {
            if (tenant == null || tenant.equals(key.tenant())) {
                List<MinuteStats> recent = List.copyOf(minutes.tailMap(from, true).values());
                if (!recent.isEmpty()) {
                    out.add(new Series(key.tenant(), key.model(), recent));
                }
            }
        });
        out.sort(Comparator.comparing(Series::tenant).thenComparing(Series::model));
        return out;
    }

    @Override
    public void close() {
        if (tail != null) {
            tail.close();
        }
    }
}
