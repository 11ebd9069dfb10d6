package io.sluice.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phases of {@code --mode finops}, against a Sluice whose bench tenant has a priced model, a hard
 * monthly budget and rate limits ({@link SluiceConfig} with {@code finops}), all too large to refuse:
 * <ol>
 *   <li>admission at saturation: the mock directly, then through Sluice with requests the cache does
 *       not take (no temperature), so every one is rate-limited, reserves its worst case and is settled;</li>
 *   <li>one temperature-0 request fills the cache; after the settlement, the next identical one must say
 *       {@code x-sluice-cache: hit};</li>
 *   <li>at a fixed rate: that request to the mock directly (a provider call), not cacheable requests
 *       through Sluice (a miss: the whole pipeline), and that request through Sluice (cache hits), counting
 *       the answers that say {@code hit}.</li>
 * </ol>
 * Finally the budget as {@code GET /v1/budgets} shows it, which says the requests were settled.
 */
final class FinopsPhases {

    /** Deterministic (temperature 0), so cacheable; the mock ignores the temperature. */
    static final String CACHEABLE_BODY = "{\"model\":\"" + SluiceConfig.MODEL + "\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Say pong.\"}],\"max_tokens\":16,\"temperature\":0}";
    static final String CACHE_HEADER = "x-sluice-cache";
    static final String HIT = "hit";
    /** Time for the first answer's settlement (and its cache entry) to land before the hits are measured. */
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Pattern BUDGET_FIGURE = Pattern.compile("\"(committed_usd|reserved_usd)\"\\s*:\\s*([-0-9.Ee+]+)");

    private final Phases phases;
    private final int concurrency;
    private final int rate;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    FinopsPhases(Phases phases, int concurrency, int rate) {
        this.phases = Objects.requireNonNull(phases, "phases");
        this.concurrency = concurrency;
        this.rate = rate;
    }

    /**
     * What the phases measured.
     *
     * @param limitOnMiss {@code x-ratelimit-limit-requests} of the first cacheable answer (a provider call)
     * @param limitOnHit  the same header on the second (a cache hit)
     * @param budget      committed and reserved dollars of the tenant's budget after the run, as served
     */
    record Results(int concurrency, int rate, LoadResult directSaturation, LoadResult sluiceSaturation,
                   LoadResult directFixed, LoadResult missFixed, LoadResult hitFixed, String limitOnMiss,
                   String limitOnHit, String budget) {

        void print(Report report) {
            report.table(List.of(directSaturation, sluiceSaturation, directFixed, missFixed, hitFixed));
            report.admission(concurrency, directSaturation, sluiceSaturation);
            report.cacheLatency(rate, directFixed, missFixed, hitFixed);
            if (sluiceSaturation.requestsPerSecond() < rate) {
                report.line(String.format(Locale.ROOT, "note: %d req/s is above the admission throughput measured "
                        + "(%.1f req/s), so the miss phase measures a queue, not one request; try a lower --rate",
                        rate, sluiceSaturation.requestsPerSecond()));
            }
            report.marks(missFixed, false);
            report.marks(hitFixed, true);
            report.line("x-ratelimit-limit-requests (configured " + SluiceConfig.REQUESTS_PER_MINUTE + "): on a miss "
                    + limitOnMiss + ", on a hit " + limitOnHit);
            // the smoke test and the request that filled the cache were misses too; hits cost nothing
            long answeredMisses = 2 + sluiceSaturation.marks().okInPhase() + missFixed.marks().okInPhase();
            report.line("budget " + SluiceConfig.MONTHLY_BUDGET + " USD/month after the run (GET /v1/budgets): " + budget
                    + "; misses answered through sluice: " + answeredMisses);
        }
    }

    Results measure(String directUrl, String sluiceUrl, String apiKey) throws IOException, InterruptedException {
        HttpTarget direct = HttpTarget.jsonPost(directUrl, GatewayBench.REQUEST_BODY, SluiceConfig.UPSTREAM_API_KEY);
        HttpTarget miss = HttpTarget.jsonPost(sluiceUrl, GatewayBench.REQUEST_BODY, apiKey).marking(CACHE_HEADER, HIT);
        HttpTarget hit = HttpTarget.jsonPost(sluiceUrl, CACHEABLE_BODY, apiKey).marking(CACHE_HEADER, HIT);
        HttpTarget provider = HttpTarget.jsonPost(directUrl, CACHEABLE_BODY, SluiceConfig.UPSTREAM_API_KEY);

        LoadResult directSaturation = phases.closedLoop(direct, "direct   saturation c=" + concurrency, concurrency);
        LoadResult sluiceSaturation = phases.closedLoop(miss, "sluice   finops saturation c=" + concurrency, concurrency);
        CacheFill fill = fillCache(hit);
        LoadResult directFixed = phases.fixedRate(provider, "direct   fixed " + rate + "/s", rate);
        LoadResult missFixed = phases.fixedRate(miss, "sluice   miss fixed " + rate + "/s", rate);
        LoadResult hitFixed = phases.fixedRate(hit, "sluice   hit fixed " + rate + "/s", rate);
        TimeUnit.MILLISECONDS.sleep(SETTLE.toMillis());
        String budget = budget(URI.create(sluiceUrl).resolve("/v1/budgets"), apiKey);
        return new Results(concurrency, rate, directSaturation, sluiceSaturation, directFixed, missFixed, hitFixed,
                limitRequests(fill.miss()), limitRequests(fill.hit()), budget);
    }

    /**
     * Sends the cacheable request once (a miss that fills the cache), waits for its settlement, and checks
     * that the next identical request is a hit; returns both answers.
     */
    private CacheFill fillCache(HttpTarget hit) throws IOException, InterruptedException {
        HttpResponse<String> first = send(hit);
        require(first.statusCode() == 200, "the first cacheable request through Sluice answered " + first.statusCode()
                + ": " + head(first.body()));
        require(!HIT.equalsIgnoreCase(first.headers().firstValue(CACHE_HEADER).orElse("")),
                "the first cacheable request was already a cache hit; the cache was not empty");
        TimeUnit.MILLISECONDS.sleep(SETTLE.toMillis());
        HttpResponse<String> second = send(hit);
        String cache = second.headers().firstValue(CACHE_HEADER).orElse("(none)");
        require(second.statusCode() == 200 && HIT.equalsIgnoreCase(cache), "the second identical request through Sluice "
                + "answered " + second.statusCode() + " with " + CACHE_HEADER + ": " + cache + ", expected 200 and " + HIT);
        phases.progress("cache filled: the second identical temperature-0 request answered " + CACHE_HEADER + ": " + cache);
        return new CacheFill(first, second);
    }

    /** The answer that filled the cache and the first one it gave. */
    private record CacheFill(HttpResponse<String> miss, HttpResponse<String> hit) {
    }

    private static String limitRequests(HttpResponse<String> response) {
        return response.headers().firstValue("x-ratelimit-limit-requests").orElse("(none)");
    }

    private String budget(URI budgets, String apiKey) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(budgets).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + apiKey).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return "unavailable (" + response.statusCode() + ")";
        }
        StringBuilder figures = new StringBuilder();
        Matcher m = BUDGET_FIGURE.matcher(response.body());
        while (m.find()) {
            figures.append(figures.isEmpty() ? "" : ", ").append(m.group(1).replace("_usd", "")).append(' ').append(m.group(2));
        }
        return figures.isEmpty() ? "none listed" : figures + " USD";
    }

    private HttpResponse<String> send(HttpTarget target) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target.url())
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(target.body()));
        target.headers().forEach(builder::header);
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void require(boolean condition, String message) throws IOException {
        if (!condition) {
            throw new IOException(message);
        }
    }

    private static String head(String body) {
        return body.substring(0, Math.min(500, body.length()));
    }
}
