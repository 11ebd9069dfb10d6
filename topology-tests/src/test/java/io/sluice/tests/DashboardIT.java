package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.app.SluiceRuntime.Component;
import io.sluice.avro.MetricsRecord;
import io.sluice.avro.Sketch;
import io.sluice.schemas.topic.Topic;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard as a person sees it: metrics records for two tenants x two models over several
 * minutes are produced to the metrics topic (as the gateway's aggregator would), an ingress reads
 * them, and headless Chromium opens {@code /dashboard#key=...}, runs the page's script against
 * the real server, and leaves a screenshot ({@code target/dashboard.png}) and the DOM it built.
 * Skips only where no Chromium is installed.
 */
@ExtendWith(SharedKafkaExtension.class)
class DashboardIT {
    static final String ADMIN_KEY = "sk-admin-dashboard-0123456789";
    static final String ACME_KEY = "sk-test-dash-acme-0123456789";
    static final String GLOBEX_KEY = "sk-test-dash-globex-0123456789";
    static final List<String> TENANTS = List.of("acme", "globex");
    static final List<String> MODELS = List.of("claude-sonnet", "gpt-4o");
    static final int MINUTES = 6;
    static final double ALPHA = 0.01;
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long CHROMIUM_TIMEOUT_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    static RunningSluice sluice;
    /** The records the dashboard must show: the highest revision of each tenant x model x minute. */
    static final Map<String, MetricsRecord> shown = new TreeMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void start(SharedKafka kafka) throws Exception {
        String prefix = SharedKafka.newPrefix("dashboard");
        String yaml = """
                kafka:
                  topic-prefix: %s
                  partitions: 3
                ingress:
                  admin-keys:
                    - id: ops
                      secret: ${ADMIN_KEY}
                tenants:
                  - id: acme
                    keys:
                      - id: acme-key
                        secret: %s
                  - id: globex
                    keys:
                      - id: globex-key
                        secret: %s
                """.formatted(prefix, ACME_KEY, GLOBEX_KEY);
        sluice = RunningSluice.start(kafka, yaml, Map.of("ADMIN_KEY", ADMIN_KEY), EnumSet.of(Component.INGRESS));
        produceMinutes(kafka, sluice.runtime().topics().metrics());
    }

    @AfterAll
    static void stop() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
    }

    /**
     * Several minutes of every tenant x model, ending with the last closed minute; one window is
     * published again with a higher revision, and a stale revision of it arrives after that. An
     * unreadable record comes first on each tenant's partition.
     */
    private static void produceMinutes(SharedKafka kafka, Topic<String, MetricsRecord> topic) throws Exception {
        Random random = new Random(42);
        Instant current = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        List<MetricsRecord> records = new ArrayList<>();
        for (String tenant : TENANTS) {
            for (String model : MODELS) {
                double typical = model.startsWith("claude") ? 900 : 250;
                for (int m = MINUTES; m >= 1; m--) {
                    int requests = 20 + random.nextInt(40) + (tenant.equals("acme") ? 30 : 0);
                    double[] latencies = new double[requests];
                    for (int i = 0; i < requests; i++) {
                        latencies[i] = typical * Math.exp(0.35 * random.nextGaussian()) * (i % 25 == 0 ? 6 : 1);
                    }
                    long cost = requests * (model.startsWith("claude") ? 1_850L : 730L) + random.nextInt(1_000);
                    records.add(minute(tenant, model, current.minus(Duration.ofMinutes(m)), 1, latencies, cost, random));
                }
            }
        }
        MetricsRecord late = records.get(3);
        MetricsRecord revised = MetricsRecord.newBuilder(late).setRevision(2).setRequests(late.getRequests() + 1)
                .setSuccesses(late.getSuccesses() + 1).setCostMicros(late.getCostMicros() + 4_321).build();
        MetricsRecord stale = MetricsRecord.newBuilder(late).setRevision(1).setCostMicros(999_999_999L).build();
        records.add(revised);
        records.add(stale);
        for (MetricsRecord r : records) {
            String key = r.getTenantId() + "/" + r.getModel() + "/" + r.getWindowStart();
            MetricsRecord before = shown.get(key);
            if (before == null || r.getRevision() > before.getRevision()) {
                shown.put(key, r);
            }
        }
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (var raw = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String tenant : TENANTS) {
                raw.send(new ProducerRecord<>(topic.name(), tenant.getBytes(StandardCharsets.UTF_8),
                        "not a metrics record".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
            }
        }
        try (var producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (MetricsRecord r : records) {
                producer.send(new ProducerRecord<>(topic.name(), r.getTenantId(), r)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static MetricsRecord minute(String tenant, String model, Instant start, long revision, double[] latencies,
            long costMicros, Random random) {
        int errors = random.nextInt(3);
        long hits = random.nextInt(10);
        return MetricsRecord.newBuilder()
                .setTenantId(tenant).setModel(model)
                .setWindowStart(start).setWindowEnd(start.plus(Duration.ofMinutes(1))).setRevision(revision)
                .setRequests(latencies.length + errors).setSuccesses(latencies.length).setErrors(errors)
                .setErrorsByType(errors == 0 ? Map.of() : Map.of("upstream_error", (long) errors))
                .setLatency(sketch(latencies)).setTtft(sketch(new double[] {latencies[0] / 3, latencies[1] / 3}))
                .setPromptTokens(latencies.length * 400L).setCompletionTokens(latencies.length * 120L)
                .setCostMicros(costMicros).setCacheHits(hits).setCacheMisses(latencies.length - hits)
                .setUpdatedAt(start.plus(Duration.ofMinutes(1)))
                .build();
    }

    /** The sketch of {@code valuesMs} by the definition in Sketch.avsc. */
    private static Sketch sketch(double[] valuesMs) {
        double logGamma = Math.log((1 + ALPHA) / (1 - ALPHA));
        TreeMap<Integer, Long> buckets = new TreeMap<>();
        for (double v : valuesMs) {
            buckets.merge((int) Math.ceil(Math.log(v) / logGamma), 1L, Long::sum);
        }
        List<Long> counts = new ArrayList<>();
        for (int i = buckets.firstKey(); i <= buckets.lastKey(); i++) {
            counts.add(buckets.getOrDefault(i, 0L));
        }
        return new Sketch(ALPHA, 0L, buckets.firstKey(), counts);
    }

    private static long spend(String tenant, String model) {
        return shown.values().stream()
                .filter(r -> tenant == null || r.getTenantId().equals(tenant))
                .filter(r -> model == null || r.getModel().equals(model))
                .mapToLong(MetricsRecord::getCostMicros).sum();
    }

    private static long requests(String tenant) {
        return shown.values().stream().filter(r -> r.getTenantId().equals(tenant)).mapToLong(MetricsRecord::getRequests).sum();
    }

    @Test
    void theDataShowsTheHighestRevisionsAndATenantKeySeesOnlyItsTenant() throws Exception {
        // when the ingress has read every record
        JsonNode all = awaitData(ADMIN_KEY, spend(null, null));

        // then an admin sees both tenants and both models, with the spend of the highest revisions
        assertThat(all.get("tenant").isNull()).isTrue();
        assertThat(all.at("/totals/cost_micros").asLong()).isEqualTo(spend(null, null));
        assertThat(all.get("series")).hasSize(4);
        assertThat(texts(all.get("tenants"), "tenant")).containsExactly("acme", "globex");
        assertThat(texts(all.get("models"), "model")).containsExactlyElementsOf(MODELS);
        assertThat(all.at("/tenants/0/requests").asLong()).isEqualTo(requests("acme"));
        assertThat(all.at("/totals/latency_p95_ms").asDouble()).isGreaterThan(all.at("/totals/latency_p50_ms").asDouble());

        // and a tenant key sees its own tenant only
        for (var tenant : Map.of("acme", ACME_KEY, "globex", GLOBEX_KEY).entrySet()) {
            JsonNode own = json(sluice.get("/dashboard/data", tenant.getValue()));
            assertThat(own.get("tenant").asText()).isEqualTo(tenant.getKey());
            assertThat(texts(own.get("series"), "tenant")).containsOnly(tenant.getKey()).hasSize(2);
            assertThat(own.at("/totals/cost_micros").asLong()).isEqualTo(spend(tenant.getKey(), null));
        }
        assertThat(sluice.get("/dashboard/data", null).statusCode()).isEqualTo(401);
        assertThat(sluice.get("/dashboard/data", "sk-not-a-key-0123456789").statusCode()).isEqualTo(401);
    }

    @Test
    void chromiumDrawsTheChartsWithEveryTenantAndModelAndTheExactSpend() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "headless Chromium is not installed at " + CHROMIUM + " (apt-get install chromium); browser check skipped");
        awaitData(ADMIN_KEY, spend(null, null));
        String page = sluice.url("/dashboard").toString();

        // when Chromium opens the page with the admin key in the fragment
        Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        chromium("--screenshot=" + screenshot, page + "#key=" + ADMIN_KEY);
        String dom = chromium("--dump-dom", page + "#key=" + ADMIN_KEY);

        // then the script ran, fetched the data and drew a line per tenant, bars per tenant and model
        assertThat(attribute(dom, "body", "data-state")).as("page state; DOM: %s", dom).isEqualTo("ready");
        assertThat(dom).doesNotContain(ADMIN_KEY);
        assertThat(attribute(dom, "span[^>]*id=\"total-spend\"", "data-cost-micros")).isEqualTo(Long.toString(spend(null, null)));
        assertThat(text(dom, "total-spend")).isEqualTo(dollars(spend(null, null)));
        for (String tenant : TENANTS) {
            assertThat(dom).contains("class=\"line\"").containsPattern(
                    "<path class=\"line\" d=\"M[^\"]+ L[^\"]+\" stroke=\"#[0-9a-f]{6}\" data-tenant=\"" + tenant
                            + "\" data-requests=\"" + requests(tenant) + "\"");
            assertThat(dom).containsPattern("<rect class=\"bar\"[^>]* data-cost-micros=\"" + spend(tenant, null)
                    + "\" data-tenant=\"" + tenant + "\"");
            for (String model : MODELS) {
                assertThat(dom).contains("<tr data-tenant=\"" + tenant + "\" data-model=\"" + model + "\">");
            }
        }
        for (String model : MODELS) {
            assertThat(dom).containsPattern("<rect class=\"bar\"[^>]* data-cost-micros=\"" + spend(null, model)
                    + "\" data-model=\"" + model + "\"");
        }
        for (String percentile : List.of("p50", "p95", "p99")) {
            assertThat(dom).containsPattern("<path class=\"line\" d=\"M[^\"]+ L[^\"]+\"[^>]* data-percentile=\"" + percentile + "\"");
        }
        assertThat(text(dom, "total-latency")).matches("[0-9.]+ m?s · [0-9.]+ m?s · [0-9.]+ m?s");

        // and the screenshot is a real picture of the page
        assertThat(screenshot).exists();
        byte[] png = Files.readAllBytes(screenshot);
        assertThat(png.length).isGreaterThan(20_000);
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(900);
        assertThat(colours(image)).as("distinct colours in the screenshot").isGreaterThan(50);
    }

    @Test
    void chromiumWithATenantKeyShowsOnlyThatTenant() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "headless Chromium is not installed at " + CHROMIUM + " (apt-get install chromium); browser check skipped");
        awaitData(ADMIN_KEY, spend(null, null));

        String dom = chromium("--dump-dom", sluice.url("/dashboard").toString() + "#key=" + GLOBEX_KEY);

        assertThat(attribute(dom, "body", "data-state")).as("page state; DOM: %s", dom).isEqualTo("ready");
        assertThat(attribute(dom, "span[^>]*id=\"total-spend\"", "data-cost-micros")).isEqualTo(Long.toString(spend("globex", null)));
        assertThat(dom).contains("data-tenant=\"globex\"").doesNotContain("data-tenant=\"acme\"").doesNotContain(">acme<");
        assertThat(text(dom, "status")).startsWith("Tenant globex");
    }

    /** Polls the data until its total spend is {@code expectedMicros}: the ingress has read every record. */
    private static JsonNode awaitData(String key, long expectedMicros) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            var response = sluice.get("/dashboard/data", key);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            last = JSON.readTree(response.body());
            if (last.at("/totals/cost_micros").asLong() == expectedMicros) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the dashboard never showed the produced spend " + expectedMicros + "; last: " + last);
    }

    /** Runs headless Chromium on {@code url} with one output flag; returns what it printed. */
    private String chromium(String output, String url) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Path err = Files.createTempFile(dir, "chromium", ".log");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--disable-gpu", "--no-sandbox",
                "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + Files.createTempDirectory(dir, "profile"),
                "--window-size=1280,900", "--virtual-time-budget=8000", output, url)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!chromium.waitFor(CHROMIUM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            chromium.descendants().forEach(ProcessHandle::destroyForcibly);
            chromium.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium (pid " + chromium.pid() + ") did not finish within "
                    + CHROMIUM_TIMEOUT_SECONDS + " s and was killed; its log: " + Files.readString(err));
        }
        assertThat(chromium.exitValue()).as("chromium exit code; log: %s", Files.readString(err)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** The attribute {@code name} of the first element matching {@code element} (e.g. {@code body} or {@code [^>]*id="x"}). */
    private static String attribute(String dom, String element, String name) {
        Matcher tag = Pattern.compile("<" + element + "[^>]*>").matcher(dom);
        if (!tag.find()) {
            return null;
        }
        Matcher value = Pattern.compile("\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(tag.group());
        return value.find() ? value.group(1) : null;
    }

    private static String text(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(dom);
        return m.find() ? m.group(1) : null;
    }

    /** Dollars as the page writes them: exact, at least cents, no trailing zeros past them. */
    private static String dollars(long micros) {
        var amount = java.math.BigDecimal.valueOf(micros, 6).stripTrailingZeros();
        var format = new java.text.DecimalFormat("#,##0.00####", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.US));
        return "$" + format.format(amount);
    }

    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    private static JsonNode json(java.net.http.HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }
}
