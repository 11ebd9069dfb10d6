package io.sluice.processors.observe;

import io.sluice.avro.Alert;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.MetricsRecord;
import io.sluice.processors.stores.Sweeps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts the chained audit trail into one-minute windows per tenant x model and publishes each
 * window when it closes (its end plus a grace period, by the wall clock); a late event reopens a
 * published window, which is published again with the next revision. Counting from the chain,
 * not from {@code responses}, means every request is counted once: the chain has already dropped
 * repeats and kept one outcome per request. Windows older than the retention are forgotten, and
 * events for them are not counted. The first publication of each minute also drives the alerts.
 */
final class MetricsCollector implements Processor<String, AuditEvent, String, Object> {
    static final String WINDOWS = "metrics-windows";
    static final String DIRTY = "metrics-dirty";
    static final String METRICS_SINK = "metrics-sink";
    static final String ALERTS_SINK = "observer-alerts-sink";
    private static final int SWEEP_SLICE = 1_000;
    private static final Duration QUIET_CHECK = Duration.ofSeconds(30);

    private final ObserverSettings settings;
    private final Clock clock;
    private final Map<String, MinuteWindow> open = new HashMap<>();
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, MetricsRecord> windows;
    private KeyValueStore<String, Long> dirty;
    private Alerting alerting;
    private String sweepCursor;
    private long lastQuietCheck;

    MetricsCollector(ObserverSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.windows = context.getStateStore(WINDOWS);
        this.dirty = context.getStateStore(DIRTY);
        this.alerting = new Alerting(settings.alerts(), context.getStateStore(Alerting.STORE));
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> publish());
    }

    @Override
    public void process(Record<String, AuditEvent> record) {
        AuditEvent event = record.value();
        if (event == null || !counts(event)) {
            return;
        }
        long start = MinuteWindow.startOf(event.getTimestamp().toEpochMilli());
        long now = clock.millis();
        if (start + MinuteWindow.MINUTE < now - settings.windowRetention().toMillis()) {
            return;
        }
        String model = event.getOutcome() && event.getServedModel() != null ? event.getServedModel()
                : event.getRequestedModel() == null ? "" : event.getRequestedModel();
        String key = MinuteWindow.key(event.getTenantId(), model, start);
        MinuteWindow window = open.get(key);
        if (window == null) {
            MetricsRecord stored = windows.get(key);
            window = stored == null ? MinuteWindow.open(event.getTenantId(), model, start) : MinuteWindow.of(stored);
            open.put(key, window);
        }
        window.count(event);
        windows.put(key, window.stored(Instant.ofEpochMilli(now)));
        if (dirty.get(key) == null) {
            dirty.put(key, start + MinuteWindow.MINUTE);
        }
    }

    private static boolean counts(AuditEvent event) {
        return event.getOutcome() || event.getAction() == AuditAction.SANITIZED && !"output".equals(event.getReason())
                || event.getAction() == AuditAction.FEEDBACK;
    }

    private void publish() {
        Instant now = clock.instant();
        long due = now.toEpochMilli() - settings.windowGrace().toMillis();
        List<String> closed = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = dirty.all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> entry = it.next();
                if (entry.value <= due) {
                    closed.add(entry.key);
                }
            }
        }
        // tenant -> window start -> first publications, for the alerts
        Map<String, TreeMap<Long, List<MetricsRecord>>> firsts = new TreeMap<>();
        for (String key : closed) {
            MinuteWindow window = open.remove(key);
            if (window == null) {
                MetricsRecord stored = windows.get(key);
                if (stored == null) {
                    dirty.delete(key);
                    continue;
                }
                window = MinuteWindow.of(stored);
            }
            MetricsRecord published = window.published(now);
            windows.put(key, window.stored(now));
            dirty.delete(key);
            context.forward(new Record<String, Object>(published.getTenantId(), published, now.toEpochMilli()),
                    METRICS_SINK);
            if (published.getRevision() == 1) {
                firsts.computeIfAbsent(published.getTenantId(), t -> new TreeMap<>())
                        .computeIfAbsent(MinuteWindow.windowStart(key), s -> new ArrayList<>()).add(published);
            }
        }
        firsts.forEach((tenant, minutes) -> minutes.forEach((start, records) ->
                alerting.onMinute(tenant, start, records, now).forEach(this::raise)));
        if (now.toEpochMilli() - lastQuietCheck >= QUIET_CHECK.toMillis()) {
            lastQuietCheck = now.toEpochMilli();
            alerting.onQuiet(now).forEach(this::raise);
        }
        long horizon = now.toEpochMilli() - settings.windowRetention().toMillis();
        sweepCursor = Sweeps.sweep(windows, sweepCursor, SWEEP_SLICE,
                (key, value) -> MinuteWindow.windowStart(key) + MinuteWindow.MINUTE < horizon && dirty.get(key) == null);
    }

    private void raise(Alert alert) {
        context.forward(new Record<String, Object>(alert.getTenantId(), alert, alert.getTimestamp().toEpochMilli()),
                ALERTS_SINK);
    }
}
