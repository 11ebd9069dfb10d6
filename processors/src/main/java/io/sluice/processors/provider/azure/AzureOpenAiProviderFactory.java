package io.sluice.processors.provider.azure;

import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderFactory;
import io.sluice.processors.provider.openai.OpenAiDialect;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Creates {@code azure-openai} providers: OpenAI's chat completions at
 * {@code POST {base-url}/openai/deployments/{upstream model}/chat/completions?api-version={options.api-version}},
 * with no {@code model} in the body, authenticated by the {@code api-key} header or, with
 * {@code options.auth: bearer}, by {@code Authorization: Bearer} (an Entra ID token).
 */
public final class AzureOpenAiProviderFactory implements ProviderFactory {
    public static final String TYPE = "azure-openai";
    static final String API_VERSION = "api-version";
    static final String AUTH = "auth";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Provider create(DeploymentSettings settings, ProviderContext context) {
        return dialect(settings).provider(settings, context);
    }

    /** The dialect of one deployment, or a configuration error naming the offending key. */
    static OpenAiDialect dialect(DeploymentSettings settings) {
        URI baseUrl = settings.requireBaseUrl();
        String apiVersion = settings.options().get(API_VERSION);
        if (apiVersion == null || apiVersion.isBlank()) {
            throw new IllegalArgumentException(settings.path("options." + API_VERSION)
                    + " is required for provider " + TYPE + " (e.g. 2024-10-21)");
        }
        if (settings.apiKey() == null) {
            throw new IllegalArgumentException(settings.path("api-key") + " is required for provider " + TYPE);
        }
        String base = OpenAiDialect.withoutTrailingSlash(baseUrl);
        String query = "?" + API_VERSION + "=" + encode(apiVersion.strip());
        return new OpenAiDialect(TYPE, call -> endpoint(base, call, query), false, authentication(settings));
    }

    private static URI endpoint(String base, ProviderCall call, String query) {
        return URI.create(base + "/openai/deployments/" + encode(call.upstreamModel()) + "/chat/completions" + query);
    }

    private static Consumer<HttpRequest.Builder> authentication(DeploymentSettings settings) {
        String auth = settings.options().getOrDefault(AUTH, "api-key").strip().toLowerCase(Locale.ROOT);
        String key = settings.apiKey();
        return switch (auth) {
            case "api-key" -> request -> request.header("api-key", key);
            case "bearer" -> request -> request.header("Authorization", "Bearer " + key);
            default -> throw new IllegalArgumentException(settings.path("options." + AUTH)
                    + " must be api-key or bearer");
        };
    }

    /** Percent-encodes one path segment or query value (a space is {@code %20}, never {@code +}). */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
