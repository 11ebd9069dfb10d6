package io.sluice.app.config;

import io.sluice.ingress.AdminKey;
import io.sluice.ingress.ApiKey;
import io.sluice.ingress.IngressSettings;
import io.sluice.processors.finops.BudgetRule;
import io.sluice.processors.finops.FinopsSettings;
import io.sluice.processors.finops.RateLimits;
import io.sluice.processors.gateway.GatewaySettings;
import io.sluice.processors.gateway.Route;
import io.sluice.processors.invoker.InvokerSettings;
import io.sluice.processors.invoker.ResiliencePolicy;
import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.tiering.TieringRule;
import io.sluice.schemas.kafka.KafkaClientProps;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns the configuration into each component's own settings. When the file names no tenants,
 * deployments or models, the embedded default applies: a demo tenant and the built-in mock
 * provider serving {@code mock-echo}, {@code mock-slow} and {@code mock-error-500}.
 */
public final class ComponentSettings {
    public static final String DEMO_TENANT = "demo";
    public static final String DEMO_KEY_ID = "demo-key";
    public static final String DEMO_APP = "demo";
    private static final List<String> DEFAULT_MOCK_MODELS = List.of("mock-echo", "mock-slow", "mock-error-500",
            "mock-error-429", "mock-flaky", "mock-flaky-429", "mock-stream", "mock-stall", "mock-stream-error");
    /** A demo of a fallback: its deployment always fails with 503, and mock-echo answers instead. */
    public static final String DEMO_FALLBACK_MODEL = "mock-fallback";
    /** The embedded demo's mock models are priced like a small hosted model, so that costs show. */
    static final FinopsSection.PriceSection DEMO_PRICE = new FinopsSection.PriceSection(
            new java.math.BigDecimal("0.15"), new java.math.BigDecimal("0.60"), new java.math.BigDecimal("0.075"), 50);

    private final SluiceConfig config;
    private final List<DeploymentSection> deployments;
    private final List<ModelSection> models;

    public ComponentSettings(SluiceConfig config) {
        this.config = config;
        if (config.deployments().isEmpty() && config.models().isEmpty()) {
            this.deployments = List.of(new DeploymentSection("mock", "mock", null, null, "local", null, null, null, null));
            var defaults = new ArrayList<ModelSection>();
            DEFAULT_MOCK_MODELS.forEach(name -> defaults.add(new ModelSection(name, "mock", name, null, null, null,
                    DEMO_PRICE, null)));
            defaults.add(new ModelSection(DEMO_FALLBACK_MODEL, "mock", "mock-error-503", null,
                    List.of("mock-echo"), null, DEMO_PRICE, null));
            this.models = List.copyOf(defaults);
        } else {
            this.deployments = config.deployments();
            this.models = config.models();
        }
    }

    public SluiceConfig config() {
        return config;
    }

    public String topicPrefix() {
        return config.kafka().topicPrefix();
    }

    public IngressSettings ingress() {
        var i = config.ingress();
        return new IngressSettings(i.host(), i.port(), i.maxBodyBytes(), i.maxJsonDepth(), i.requestTimeout(),
                i.replyPartition(), i.ioThreads(), i.readDeadline(), i.idleTimeout(),
                i.tls() == null ? null : new IngressSettings.Tls(i.tls().certFile(), i.tls().keyFile()),
                SluiceConfig.ipRanges(i.trustedProxies(), "ingress.trusted-proxies"), i.metricsRequireAdmin(),
                i.dashboardWindow());
    }

    /** How the ingress's admin API manages tenants and keys. */
    public io.sluice.ingress.AdminSettings admin() {
        return new io.sluice.ingress.AdminSettings(config.ingress().keyRotationGrace());
    }

    /** The keys of the ingress's admin routes, hashed. */
    public List<AdminKey> adminKeys() {
        return config.ingress().adminKeys().stream()
                .map(key -> new AdminKey(key.id(), key.sha256() != null
                        ? HexFormat.of().parseHex(key.sha256())
                        : ApiKey.hash(key.secret())))
                .toList();
    }

    /** The API keys of the configured tenants, hashed; {@code demoSecret} is used when no tenant is configured. */
    public List<ApiKey> apiKeys(java.util.function.Supplier<String> demoSecret) {
        List<ApiKey> keys = new ArrayList<>();
        for (var tenant : tenants()) {
            for (var key : tenant.keys()) {
                byte[] hash = key.sha256() != null
                        ? HexFormat.of().parseHex(key.sha256())
                        : ApiKey.hash(key.secret());
                keys.add(new ApiKey(key.id(), tenant.id(), key.app() == null ? "default" : key.app(), hash,
                        tenant.allowedNetworks()));
            }
        }
        if (config.tenants().isEmpty()) {
            keys.add(new ApiKey(DEMO_KEY_ID, DEMO_TENANT, DEMO_APP, ApiKey.hash(demoSecret.get())));
        }
        return keys;
    }

    public boolean usesDemoTenant() {
        return config.tenants().isEmpty();
    }

    private List<SluiceConfig.TenantSection> tenants() {
        return config.tenants();
    }

    private List<String> tenantIds() {
        return usesDemoTenant()
                ? List.of(DEMO_TENANT)
                : config.tenants().stream().map(SluiceConfig.TenantSection::id).toList();
    }

    /** The names clients may ask for: every model and every alias. */
    public List<String> modelNames() {
        var names = new ArrayList<String>();
        for (var model : models) {
            names.add(model.name());
            names.addAll(model.aliases());
        }
        return names;
    }

    /** The observer: audit chain, per-minute metrics and alerts. */
    public io.sluice.processors.observe.ObserverSettings observer() {
        return config.observability().settings(topicPrefix() + "observer");
    }

    /** The batch coordinator. */
    public io.sluice.processors.batch.BatchSettings batch() {
        return config.batch().settings(topicPrefix() + "batch");
    }

    public GatewaySettings gateway() {
        Map<String, DeploymentSection> byName = deployments.stream()
                .collect(Collectors.toMap(DeploymentSection::name, Function.identity()));
        Map<String, Route> routes = new LinkedHashMap<>();
        Map<String, String> aliases = new LinkedHashMap<>();
        for (var model : models) {
            var targets = model.targets().stream().map(target -> {
                var deployment = byName.get(target.deployment());
                return new Route.RouteTarget(deployment.name(), deployment.provider(), target.upstreamModel(),
                        deployment.region(), target.weight(), target.price() == null ? null
                                : target.price().toPrice("models[name=" + model.name() + "].price"));
            }).toList();
            routes.put(model.name(), new Route(model.name(), targets, model.fallbacks()));
            model.aliases().forEach(alias -> aliases.put(alias, model.name()));
        }
        Map<String, java.util.Set<String>> regions = new LinkedHashMap<>();
        for (var tenant : config.tenants()) {
            if (!tenant.regions().isEmpty()) {
                regions.put(tenant.id(), java.util.Set.copyOf(tenant.regions()));
            }
        }
        return new GatewaySettings(topicPrefix() + "gateway", java.util.Set.copyOf(tenantIds()), routes,
                config.kafka().partitions(), java.util.Set.copyOf(config.gateway().appReplyTopics()), maxRecordBytes(),
                aliases, regions, SanitizeSettings.policies(config), finops(),
                CacheSection.settings(config, sanitizerVersions()), tiering());
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Each model's tiering rule, if it has one. */
    private Map<String, TieringRule> tiering() {
        Map<String, TieringRule> rules = new LinkedHashMap<>();
        for (var model : models) {
            if (model.tiering() == null) {
                continue;
            }
            try {
                rules.put(model.name(), new TieringRule(model.name(), model.tiering().tiers().stream()
                        .map(t -> new TieringRule.Tier(t.maxScore() == null ? -1 : t.maxScore(), t.model()))
                        .toList()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        return rules;
    }

    /**
     * A fingerprint of each tenant's sanitize settings (the defaults and its own), for cache keys:
     * record {@code toString}s of lists and strings are stable across runs.
     */
    private Map<String, String> sanitizerVersions() {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String tenant : tenantIds()) {
            var own = config.tenants().stream().filter(t -> t.id().equals(tenant)).findFirst()
                    .map(t -> t.sanitize().toString()).orElse("");
            versions.put(tenant, sha256Hex(config.sanitize() + "|" + own).substring(0, 16));
        }
        return versions;
    }

    /** Budgets and rate limits of every tenant and key, and how they are kept. */
    public FinopsSettings finops() {
        Map<String, List<BudgetRule>> budgets = new LinkedHashMap<>();
        Map<String, RateLimits> tenantLimits = new LinkedHashMap<>();
        Map<String, RateLimits> keyLimits = new LinkedHashMap<>();
        for (var tenant : config.tenants()) {
            String path = "tenants[id=" + tenant.id() + "]";
            var rules = new ArrayList<BudgetRule>();
            for (int i = 0; i < tenant.budgets().size(); i++) {
                rules.add(tenant.budgets().get(i).toRule(path + ".budgets[" + i + "]"));
            }
            if (!rules.isEmpty()) {
                budgets.put(tenant.id(), rules);
            }
            if (tenant.limits() != null) {
                tenantLimits.put(tenant.id(), tenant.limits().toLimits(path + ".limits"));
            }
            for (var key : tenant.keys()) {
                if (key.limits() != null) {
                    keyLimits.put(key.id(), key.limits().toLimits(path + ".keys[id=" + key.id() + "].limits"));
                }
            }
        }
        var f = config.finops();
        return new FinopsSettings(budgets, tenantLimits, keyLimits, f.defaultMaxTokens(), f.reservationTimeout(),
                f.settledRetention(), f.flushInterval());
    }

    /** The largest record a producer must be able to write: the largest accepted body plus framing. */
    public int maxRecordBytes() {
        return config.ingress().maxBodyBytes() + KafkaClientProps.RECORD_OVERHEAD_BYTES;
    }

    public List<DeploymentSettings> deployments() {
        return deployments.stream()
                .map(d -> new DeploymentSettings(d.name(), d.provider(), d.baseUrl(), d.apiKey(), d.region(),
                        d.timeout(), d.options(), d.credentials(), d.firstByteTimeout()))
                .toList();
    }

    public InvokerSettings invoker() {
        var i = config.invoker();
        var retry = i.retry();
        var circuit = i.circuit();
        var policy = new ResiliencePolicy(retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff(),
                retry.maxRetryAfter(), circuit.failureThreshold(), circuit.openFor());
        try {
            return new InvokerSettings(topicPrefix() + "invoker", i.maxInFlight(), i.shutdownTimeout(),
                    maxRecordBytes(), policy, config.batchSchedule().settings(i.maxInFlight(), config.tenants()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** How long a provider connection may take to open. */
    public java.time.Duration connectTimeout() {
        return config.invoker().connectTimeout();
    }
}
