package io.sluice.ingress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of {@code GET /dashboard/data}: every visible tenant x model per minute, and the same
 * summed per minute, per tenant, per model and in all. Counts and micro-dollars are added;
 * latency percentiles of a sum come from the merged sketches of its parts, never from averaging
 * percentiles. Costs stay integer micro-dollars (the page turns them into dollars).
 */
final class DashboardData {
    private static final JsonFactory JSON = new JsonFactory();

    private DashboardData() {
    }

    /**
     * @param minutes the minute starts shown, oldest first, one a minute
     * @param tenant  the tenant the caller may see, or null for an admin
     */
    static byte[] render(List<MetricsBoard.Series> series, List<Instant> minutes, String tenant, Instant generatedAt) {
        Sums sums = Sums.of(series, minutes);
        var out = new ByteArrayOutputStream((int) Math.min(1 << 20, 4096L + 400L * series.size() * minutes.size()));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("object", "dashboard.data");
            g.writeStringField("generated_at", generatedAt.toString());
            g.writeStringField("tenant", tenant);
            g.writeArrayFieldStart("minutes");
            for (Instant minute : minutes) {
                g.writeString(minute.toString());
            }
            g.writeEndArray();
            g.writeFieldName("totals");
            sums.total().write(g);
            g.writeArrayFieldStart("timeline");
            for (Tally slot : sums.timeline()) {
                slot.write(g);
            }
            g.writeEndArray();
            writeGroups(g, "tenants", "tenant", sums.byTenant());
            writeGroups(g, "models", "model", sums.byModel());
            g.writeArrayFieldStart("series");
            for (int i = 0; i < series.size(); i++) {
                writeSeries(g, series.get(i), sums.bySeries().get(i), minutes.get(0), minutes.size());
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The minutes of every series added up per minute, tenant, model, series and in all. */
    private record Sums(Tally total, Tally[] timeline, Map<String, Tally> byTenant, Map<String, Tally> byModel,
                        List<Tally> bySeries) {
        static Sums of(List<MetricsBoard.Series> series, List<Instant> minutes) {
            Instant first = minutes.get(0);
            var sums = new Sums(new Tally(), new Tally[minutes.size()], new TreeMap<>(), new TreeMap<>(), new ArrayList<>());
            for (int i = 0; i < sums.timeline.length; i++) {
                sums.timeline[i] = new Tally();
            }
            for (MetricsBoard.Series s : series) {
                Tally one = new Tally();
                for (MinuteStats stats : s.minutes()) {
                    long slot = Duration.between(first, stats.minute()).toMinutes();
                    if (slot < 0 || slot >= sums.timeline.length) {
                        continue;
                    }
                    one.add(stats);
                    sums.timeline[(int) slot].add(stats);
                    sums.byTenant.computeIfAbsent(s.tenant(), t -> new Tally()).add(stats);
                    sums.byModel.computeIfAbsent(s.model(), m -> new Tally()).add(stats);
                    sums.total.add(stats);
                }
                sums.bySeries.add(one);
            }
            return sums;
        }
    }

    private static void writeGroups(JsonGenerator g, String field, String name, Map<String, Tally> groups)
            throws IOException {
        g.writeArrayFieldStart(field);
        for (var group : groups.entrySet()) {
            g.writeStartObject();
            g.writeStringField(name, group.getKey());
            group.getValue().writeFields(g);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeSeries(JsonGenerator g, MetricsBoard.Series s, Tally totals, Instant first, int slots)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("tenant", s.tenant());
        g.writeStringField("model", s.model());
        g.writeFieldName("totals");
        totals.write(g);
        g.writeArrayFieldStart("points");
        for (MinuteStats stats : s.minutes()) {
            long slot = Duration.between(first, stats.minute()).toMinutes();
            if (slot < 0 || slot >= slots) {
                continue;
            }
            g.writeStartObject();
            g.writeStringField("minute", stats.minute().toString());
            g.writeNumberField("revision", stats.revision());
            Tally one = new Tally();
            one.add(stats);
            one.writeFields(g);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Sums of minutes: counts added, sketches merged. */
    private static final class Tally {
        private long requests;
        private long successes;
        private long rejections;
        private long errors;
        private long promptTokens;
        private long completionTokens;
        private long costMicros;
        private long savedCostMicros;
        private long cacheHits;
        private long cacheMisses;
        private final QuantileSketch.Merger latency = new QuantileSketch.Merger();
        private final QuantileSketch.Merger ttft = new QuantileSketch.Merger();

        void add(MinuteStats stats) {
            requests += stats.requests();
            successes += stats.successes();
            rejections += stats.rejections();
            errors += stats.errors();
            promptTokens += stats.promptTokens();
            completionTokens += stats.completionTokens();
            costMicros += stats.costMicros();
            savedCostMicros += stats.savedCostMicros();
            cacheHits += stats.cacheHits();
            cacheMisses += stats.cacheMisses();
            latency.add(stats.latency());
            ttft.add(stats.ttft());
        }

        void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            writeFields(g);
            g.writeEndObject();
        }

        void writeFields(JsonGenerator g) throws IOException {
            g.writeNumberField("requests", requests);
            g.writeNumberField("successes", successes);
            g.writeNumberField("rejections", rejections);
            g.writeNumberField("errors", errors);
            QuantileSketch latencies = latency.result();
            writeMillis(g, "latency_p50_ms", latencies, 0.50);
            writeMillis(g, "latency_p95_ms", latencies, 0.95);
            writeMillis(g, "latency_p99_ms", latencies, 0.99);
            QuantileSketch firstTokens = ttft.result();
            writeMillis(g, "ttft_p50_ms", firstTokens, 0.50);
            writeMillis(g, "ttft_p95_ms", firstTokens, 0.95);
            g.writeNumberField("prompt_tokens", promptTokens);
            g.writeNumberField("completion_tokens", completionTokens);
            g.writeNumberField("cost_micros", costMicros);
            g.writeNumberField("saved_cost_micros", savedCostMicros);
            g.writeNumberField("cache_hits", cacheHits);
            g.writeNumberField("cache_misses", cacheMisses);
            g.writeFieldName("cache_hit_rate");
            long lookups = cacheHits + cacheMisses;
            if (lookups == 0) {
                g.writeNull();
            } else {
                g.writeNumber(Math.round(10_000.0 * cacheHits / lookups) / 10_000.0);
            }
        }

        /** A percentile in milliseconds to the microsecond; null when no value was measured. */
        private static void writeMillis(JsonGenerator g, String field, QuantileSketch sketch, double q)
                throws IOException {
            g.writeFieldName(field);
            if (sketch.count() == 0) {
                g.writeNull();
            } else {
                g.writeNumber(Math.round(sketch.quantile(q) * 1_000) / 1_000.0);
            }
        }
    }
}
