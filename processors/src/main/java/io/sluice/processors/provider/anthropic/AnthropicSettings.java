package io.sluice.processors.provider.anthropic;

import io.sluice.processors.provider.DeploymentSettings;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * What an {@code anthropic} deployment adds to the common settings, validated once when the
 * provider is created; errors name the configuration path and never echo a secret.
 *
 * @param endpoint         {@code {base-url}/v1/messages}
 * @param version          the {@code anthropic-version} header
 * @param beta             the {@code anthropic-beta} header, or null to send none
 * @param defaultMaxTokens the {@code max_tokens} sent when the request sets none (Anthropic requires one)
 */
record AnthropicSettings(URI endpoint, String version, String beta, int defaultMaxTokens) {
    static final URI DEFAULT_BASE_URL = URI.create("https://api.anthropic.com");
    static final String DEFAULT_VERSION = "2023-06-01";
    static final int DEFAULT_MAX_TOKENS = 4096;

    static final String VERSION_OPTION = "anthropic-version";
    static final String BETA_OPTION = "anthropic-beta";
    static final String MAX_TOKENS_OPTION = "default-max-tokens";

    /** Printable ASCII, so that a value can go into a header as it is. */
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\x20-\\x7e]+");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");

    static AnthropicSettings from(DeploymentSettings settings) {
        URI baseUrl = settings.baseUrl() == null ? DEFAULT_BASE_URL : settings.baseUrl();
        if (settings.baseUrl() == null && settings.apiKey() == null) {
            throw new IllegalArgumentException(settings.path("api-key") + " is required for provider "
                    + settings.provider() + " when no base-url is set");
        }
        if (settings.apiKey() != null && !TOKEN.matcher(settings.apiKey()).matches()) {
            throw new IllegalArgumentException(settings.path("api-key")
                    + " must be printable ASCII without spaces (it is sent as the x-api-key header)");
        }
        String version = headerOption(settings, VERSION_OPTION, DEFAULT_VERSION);
        String beta = headerOption(settings, BETA_OPTION, null);
        long maxTokens = settings.longOption(MAX_TOKENS_OPTION, DEFAULT_MAX_TOKENS);
        if (maxTokens < 1 || maxTokens > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(settings.path("options." + MAX_TOKENS_OPTION)
                    + " must be between 1 and " + Integer.MAX_VALUE);
        }
        return new AnthropicSettings(messages(baseUrl), version, beta, (int) maxTokens);
    }

    static URI messages(URI baseUrl) {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/v1/messages");
    }

    private static String headerOption(DeploymentSettings settings, String key, String fallback) {
        String raw = settings.options().get(key);
        if (raw == null) {
            return fallback;
        }
        String value = raw.strip();
        if (!HEADER_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException(settings.path("options." + key)
                    + " must be a non-empty header value of printable ASCII");
        }
        return value;
    }
}
