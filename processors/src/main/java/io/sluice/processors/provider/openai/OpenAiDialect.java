package io.sluice.processors.provider.openai;

import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How one service that speaks OpenAI's chat completions differs from OpenAI on the wire: the
 * provider type its errors name, the URL a call is posted to, whether the body names the model,
 * and how a request is authenticated. The translation and the stream parsing are the same for all,
 * so a provider in another package (Azure OpenAI, say) describes its dialect and gets a whole
 * {@link Provider} from {@link #provider}.
 *
 * @param provider       the provider type, as its errors name it
 * @param endpoint       the URL of one call (may depend on the call's upstream model)
 * @param modelInBody    whether the body carries {@code model}; false where the URL names it
 * @param authentication adds the authentication headers to a request; must neither log nor keep them
 */
public record OpenAiDialect(String provider, Function<ProviderCall, URI> endpoint, boolean modelInBody,
        Consumer<HttpRequest.Builder> authentication) {

    public OpenAiDialect {
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException("provider must not be blank");
        }
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(authentication, "authentication");
    }

    /**
     * OpenAI's own: {@code POST {base-url}/chat/completions}, the model in the body, and
     * {@code Authorization: Bearer <api-key>} when there is a key.
     */
    public static OpenAiDialect openAi(URI baseUrl, String apiKey) {
        URI chatCompletions = URI.create(withoutTrailingSlash(baseUrl) + "/chat/completions");
        return new OpenAiDialect(OpenAiProviderFactory.TYPE, call -> chatCompletions, true, request -> {
            if (apiKey != null) {
                request.header("Authorization", "Bearer " + apiKey);
            }
        });
    }

    /** A provider for {@code settings} that speaks this dialect. */
    public Provider provider(DeploymentSettings settings, ProviderContext context) {
        return new OpenAiProvider(settings, this, context);
    }

    /** The URL as text without any trailing {@code /}, for appending a path to a base URL. */
    public static String withoutTrailingSlash(URI url) {
        String text = url.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}
