package io.sluice.bench;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The sluice.yaml of a bench run: one tenant with one key whose secret is in the file, the mock upstream
 * as an {@code openai} deployment, one model routed to it, and free loopback ports. With {@code finops},
 * the model has a price and the tenant a hard monthly budget and rate limits, all far above what a run
 * can spend or send, so that every request is rate-limited, reserves its worst case and is settled, and
 * none is refused.
 */
record SluiceConfig(Path dataDir, int brokerPort, int controllerPort, int registryPort, int ingressPort, String apiKey,
                    String upstreamBaseUrl, boolean finops) {

    static final String TENANT = "bench";
    static final String KEY_ID = "bench-key";
    static final String APP = "bench";
    static final String DEPLOYMENT = "bench-upstream";
    static final String MODEL = "bench-model";
    /** The mock ignores it; the openai provider may insist on one. */
    static final String UPSTREAM_API_KEY = "sk-bench-upstream";
    /** Dollars per million input and output tokens of the model, in finops runs. */
    static final String PRICE_INPUT = "2.50";
    static final String PRICE_OUTPUT = "10.00";
    /** The tenant's hard monthly budget in dollars: at the price above, about four billion bench requests. */
    static final String MONTHLY_BUDGET = "1000000.00";
    static final long REQUESTS_PER_MINUTE = 10_000_000L;
    /** A bench request counts about 40 tokens (estimated prompt plus max_tokens): room for 40,000 req/s. */
    static final long TOKENS_PER_MINUTE = 100_000_000L;

    SluiceConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(upstreamBaseUrl, "upstreamBaseUrl");
        for (int port : new int[] {brokerPort, controllerPort, registryPort, ingressPort}) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("ports must be in 1..65535, was " + port);
            }
        }
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank");
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + ingressPort;
    }

    String toYaml() {
        String tenantFinops = !finops ? "" : """
                    limits: {requests-per-minute: %d, tokens-per-minute: %d}
                    budgets:
                      - {period: month, limit: %s, mode: hard}
                """.formatted(REQUESTS_PER_MINUTE, TOKENS_PER_MINUTE, MONTHLY_BUDGET);
        String modelFinops = !finops ? "" : """
                    price: {input: %s, output: %s}
                """.formatted(PRICE_INPUT, PRICE_OUTPUT);
        return """
                # written by io.sluice.bench.GatewayBench for one bench run
                data-dir: %s
                kafka:
                  broker-port: %d
                  controller-port: %d
                  registry-port: %d
                ingress:
                  host: 127.0.0.1
                  port: %d
                tenants:
                  - id: %s
                %s    keys:
                      - id: %s
                        app: %s
                        secret: %s
                deployments:
                  - name: %s
                    provider: openai
                    base-url: %s
                    api-key: %s
                    timeout: 30s
                models:
                  - name: %s
                    deployment: %s
                    upstream-model: %s
                %s""".formatted(quote(dataDir.toAbsolutePath().toString()), brokerPort, controllerPort, registryPort, ingressPort,
                quote(TENANT), tenantFinops, quote(KEY_ID), quote(APP), quote(apiKey), quote(DEPLOYMENT), quote(upstreamBaseUrl),
                quote("${SLUICE_BENCH_UPSTREAM_KEY:-" + UPSTREAM_API_KEY + "}"), quote(MODEL), quote(DEPLOYMENT), quote(MODEL),
                modelFinops);
    }

    /** A YAML double-quoted scalar. */
    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
