package io.sluice.processors.provider;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One configured deployment: a provider type and where and how to reach it. Validated on
 * construction; error messages name the configuration path, e.g.
 * {@code deployments[name=openai-us].timeout must be positive}.
 *
 * @param name     the deployment name routes refer to
 * @param provider the provider type, e.g. {@code mock} or {@code openai}
 * @param baseUrl  the provider's base URL, e.g. {@code http://localhost:11434/v1}; may be null for
 *                 providers that need none (use {@link #requireBaseUrl()} in a factory)
 * @param apiKey   the secret sent to the provider, or null; never printed by {@link #toString()}
 * @param region   where the deployment runs (for residency and reporting), or null
 * @param timeout  the deadline of one provider call; null means {@link #DEFAULT_TIMEOUT}
 * @param options  provider-specific options; null means none
 * @param credentials provider-specific secrets (e.g. {@code access-key-id}, {@code private-key}),
 *                 from placeholders only; null means none; never printed by {@link #toString()}
 * @param firstByteTimeout how long a streamed call may wait for its first token before it is given
 *                 up (and retried or fallen back from); null means the whole {@code timeout}
 */
public record DeploymentSettings(
        String name,
        String provider,
        URI baseUrl,
        String apiKey,
        String region,
        Duration timeout,
        Map<String, String> options,
        Map<String, String> credentials,
        Duration firstByteTimeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public DeploymentSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("deployments[].name is required");
        }
        String at = "deployments[name=" + name + "]";
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException(at + ".provider is required");
        }
        if (baseUrl != null) {
            requireHttpUrl(at + ".base-url", baseUrl);
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(at + ".timeout must be positive");
        }
        options = options == null ? Map.of() : Map.copyOf(options);
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
        firstByteTimeout = firstByteTimeout == null ? timeout : firstByteTimeout;
        if (firstByteTimeout.isNegative() || firstByteTimeout.isZero()) {
            throw new IllegalArgumentException(at + ".first-byte-timeout must be positive");
        }
    }

    /** A deployment whose streamed calls may wait their whole timeout for the first token. */
    public DeploymentSettings(String name, String provider, URI baseUrl, String apiKey, String region,
            Duration timeout, Map<String, String> options, Map<String, String> credentials) {
        this(name, provider, baseUrl, apiKey, region, timeout, options, credentials, null);
    }

    /** A deployment without provider-specific credentials. */
    public DeploymentSettings(String name, String provider, URI baseUrl, String apiKey, String region,
            Duration timeout, Map<String, String> options) {
        this(name, provider, baseUrl, apiKey, region, timeout, options, null, null);
    }

    /** A credential that the provider cannot work without, or a configuration error naming its path. */
    public String requireCredential(String key) {
        String value = credentials.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(path("credentials." + key) + " is required for provider " + provider);
        }
        return value;
    }

    /** The configuration path of one of this deployment's keys, for error messages. */
    public String path(String key) {
        return "deployments[name=" + name + "]." + key;
    }

    /** The base URL, or a configuration error for providers that cannot work without one. */
    public URI requireBaseUrl() {
        if (baseUrl == null) {
            throw new IllegalArgumentException(path("base-url") + " is required for provider " + provider);
        }
        return baseUrl;
    }

    /** A non-negative whole-number option, or the default when it is not set. */
    public long longOption(String key, long defaultValue) {
        String raw = options.get(key);
        if (raw == null) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the path
        }
        throw new IllegalArgumentException(path("options." + key) + " must be a non-negative whole number");
    }

    @Override
    public String toString() {
        return "DeploymentSettings[name=" + name + ", provider=" + provider + ", baseUrl=" + baseUrl
                + ", apiKey=" + (apiKey == null ? "none" : "<redacted>") + ", region=" + region
                + ", timeout=" + timeout + ", options=" + options + ", credentials=" + new java.util.TreeSet<>(credentials.keySet())
                + "]";
    }

    private static void requireHttpUrl(String path, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException(path + " must be an absolute http or https URL");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(path + " must not carry credentials; use api-key");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(path + " must not have a query or a fragment");
        }
    }
}
