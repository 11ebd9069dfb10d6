package io.sluice.processors.provider.oci;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ChatResult and error bodies shaped like OCI's Generative AI inference API reference. */
class OciResponsesTest {
    static final String GENERIC_RESULT = """
            {"modelId":"meta.llama-3.3-70b-instruct","modelVersion":"1.0.0",
             "chatResponse":{"apiFormat":"GENERIC","timeCreated":"2025-01-02T03:04:05.678Z",
              "choices":[{"index":0,"message":{"role":"ASSISTANT","content":[{"type":"TEXT","text":"Hello there."}]},
                          "finishReason":"stop","logprobs":{}}],
              "usage":{"completionTokens":3,"promptTokens":9,"totalTokens":12}}}""";
    static final String COHERE_RESULT = """
            {"modelId":"cohere.command-r-08-2024","modelVersion":"1.7",
             "chatResponse":{"apiFormat":"COHERE","text":"Hello there.",
              "chatHistory":[{"role":"USER","message":"Say hello"},{"role":"CHATBOT","message":"Hello there."}],
              "finishReason":"MAX_TOKENS","usage":{"completionTokens":3,"promptTokens":9,"totalTokens":12}}}""";
    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

    private static ProviderResult parse(int status, String body, Map<String, List<String>> headers) {
        return OciResponses.parse(status, body.getBytes(StandardCharsets.UTF_8), HttpHeaders.of(headers, (a, b) -> true),
                "fallback-model", NOW, "pass-phrase-123");
    }

    @Test
    void aGenericResultIsACompletionWithUsageAndTheRequestId() {
        var completion = (Completion) parse(200, GENERIC_RESULT, Map.of("opc-request-id", List.of("req-1")));

        assertThat(completion.responseModel()).isEqualTo("meta.llama-3.3-70b-instruct");
        assertThat(completion.providerResponseId()).isEqualTo("req-1");
        assertThat(completion.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.getMessage().getContent()).isEqualTo("Hello there.");
            assertThat(choice.getMessage().getRole().name()).isEqualTo("ASSISTANT");
            assertThat(choice.getFinishReason()).isEqualTo("stop");
        });
        assertThat(completion.usage().getPromptTokens()).isEqualTo(9);
        assertThat(completion.usage().getCompletionTokens()).isEqualTo(3);
        assertThat(completion.usage().getTotalTokens()).isEqualTo(12);
    }

    @Test
    void aCohereResultIsACompletionWithItsFinishReasonInOpenAiWords() {
        var completion = (Completion) parse(200, COHERE_RESULT, Map.of());

        assertThat(completion.responseModel()).isEqualTo("cohere.command-r-08-2024");
        assertThat(completion.providerResponseId()).isNull();
        assertThat(completion.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.getMessage().getContent()).isEqualTo("Hello there.");
            assertThat(choice.getFinishReason()).isEqualTo("length");
        });
        assertThat(completion.usage().getTotalTokens()).isEqualTo(12);
    }

    @Test
    void finishReasonsAreOpenAisWhereThereIsOne() {
        assertThat(OciResponses.finishReason("COMPLETE")).isEqualTo("stop");
        assertThat(OciResponses.finishReason("MAX_TOKENS")).isEqualTo("length");
        assertThat(OciResponses.finishReason("ERROR_TOXIC")).isEqualTo("content_filter");
        assertThat(OciResponses.finishReason("length")).isEqualTo("length");
        assertThat(OciResponses.finishReason("ERROR_LIMIT")).isEqualTo("error_limit");
        assertThat(OciResponses.finishReason(null)).isNull();
    }

    @Test
    void tooManyRequestsIsRetryableAfterRetryAfter() {
        var error = (ProviderError) parse(429, "{\"code\":\"TooManyRequests\",\"message\":\"Too many requests for the user\"}",
                Map.of("retry-after", List.of("3")));

        assertThat(error).extracting(ProviderError::provider, ProviderError::httpStatus, ProviderError::type,
                        ProviderError::code, ProviderError::retryable, ProviderError::retryAfter, ProviderError::message)
                .containsExactly("oci-genai", 429, "rate_limit_exceeded", "TooManyRequests", true, Duration.ofSeconds(3),
                        "upstream returned HTTP 429: Too many requests for the user");
    }

    @Test
    void aBadRequestIsNotRetryableAndTheSecretIsMasked() {
        var error = (ProviderError) parse(400,
                "{\"code\":\"InvalidParameter\",\"message\":\"Bad passphrase pass-phrase-123 for model\"}", Map.of());

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::code, ProviderError::retryable)
                .containsExactly(400, "invalid_request_error", "InvalidParameter", false);
        assertThat(error.message()).isEqualTo("upstream returned HTTP 400: Bad passphrase *** for model");
    }

    @Test
    void authenticationAndAuthorisationFailuresSaySo() {
        assertThat(((ProviderError) parse(401, "{\"code\":\"NotAuthenticated\",\"message\":\"Not authenticated\"}", Map.of()))
                .type()).isEqualTo("authentication_error");
        assertThat(((ProviderError) parse(404, "{\"code\":\"NotAuthorizedOrNotFound\",\"message\":\"x\"}", Map.of()))
                .type()).isEqualTo("not_found_error");
        assertThat(((ProviderError) parse(503, "<html>busy</html>", Map.of()))).extracting(ProviderError::retryable,
                ProviderError::message).containsExactly(true, "upstream returned HTTP 503");
    }

    @Test
    void anAnswerThatIsNotAChatResultIsARetryableUpstreamError() {
        var error = (ProviderError) parse(200, "{\"modelId\":\"m\"}", Map.of());

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(502, "upstream_error", true);
    }
}
