package io.sluice.processors.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Converse answers and Bedrock's errors, shaped as in its API reference. */
class BedrockResponsesTest {
    private static final BedrockResponses.Secrets SECRETS =
            new BedrockResponses.Secrets(List.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG", "FwoGZXIvYXdzEXAMPLE"));

    static final String CONVERSE = """
            {"output":{"message":{"role":"assistant","content":[{"text":"Hello"},{"text":" there."}]}},
             "stopReason":"end_turn",
             "usage":{"inputTokens":9,"outputTokens":3,"totalTokens":12},
             "metrics":{"latencyMs":412}}""";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aConverseAnswerIsOneChoiceWithItsTextBlocksJoined() {
        var completion = (Completion) BedrockResponses.completion(bytes(CONVERSE), "anthropic.claude-3-haiku", "req-1");

        assertThat(completion.responseModel()).isEqualTo("anthropic.claude-3-haiku");
        assertThat(completion.providerResponseId()).isEqualTo("req-1");
        assertThat(completion.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.getIndex()).isZero();
            assertThat(choice.getMessage().getContent()).isEqualTo("Hello there.");
            assertThat(choice.getFinishReason()).isEqualTo("stop");
        });
        assertThat(completion.usage().getPromptTokens()).isEqualTo(9);
        assertThat(completion.usage().getCompletionTokens()).isEqualTo(3);
        assertThat(completion.usage().getTotalTokens()).isEqualTo(12);
    }

    @Test
    void stopReasonsBecomeOpenAiFinishReasons() {
        assertThat(BedrockResponses.finishReason("end_turn")).isEqualTo("stop");
        assertThat(BedrockResponses.finishReason("stop_sequence")).isEqualTo("stop");
        assertThat(BedrockResponses.finishReason("max_tokens")).isEqualTo("length");
        assertThat(BedrockResponses.finishReason("tool_use")).isEqualTo("tool_calls");
        assertThat(BedrockResponses.finishReason("content_filtered")).isEqualTo("content_filter");
        assertThat(BedrockResponses.finishReason("guardrail_intervened")).isEqualTo("content_filter");
        assertThat(BedrockResponses.finishReason("something_new")).isEqualTo("something_new");
    }

    @Test
    void cachedPromptTokensCountAsPromptTokens() {
        String body = CONVERSE.replace("\"usage\":{\"inputTokens\":9,\"outputTokens\":3,\"totalTokens\":12}",
                "\"usage\":{\"inputTokens\":9,\"outputTokens\":3,\"totalTokens\":112,"
                        + "\"cacheReadInputTokens\":80,\"cacheWriteInputTokens\":20}");

        var usage = ((Completion) BedrockResponses.completion(bytes(body), "m", null)).usage();

        assertThat(usage.getPromptTokens()).isEqualTo(109);
        assertThat(usage.getCachedPromptTokens()).isEqualTo(80);
        assertThat(usage.getTotalTokens()).isEqualTo(112);
    }

    @Test
    void anAnswerWithoutAnOutputMessageIsARetryableUpstreamError() {
        var error = (ProviderError) BedrockResponses.completion(bytes("{\"foo\":1}"), "m", null);

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(502, "upstream_error", true);
    }

    @Test
    void throttlingIsARetryableRateLimitWithItsRetryAfter() {
        var error = BedrockResponses.error(429, "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/",
                bytes("{\"message\":\"Too many requests, please wait before trying again.\"}"), Duration.ofSeconds(3),
                SECRETS);

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::code,
                        ProviderError::retryable, ProviderError::retryAfter, ProviderError::message)
                .containsExactly(429, "rate_limit_exceeded", "ThrottlingException", true, Duration.ofSeconds(3),
                        "upstream returned HTTP 429 ThrottlingException: Too many requests, please wait before trying again.");
    }

    @Test
    void eachBedrockExceptionIsClassified() {
        record Case(int status, String exception, String type, boolean retryable) {}
        List<Case> cases = List.of(
                new Case(400, "ValidationException", "invalid_request_error", false),
                new Case(403, "AccessDeniedException", "permission_denied", false),
                new Case(403, "UnrecognizedClientException", "authentication_error", false),
                new Case(404, "ResourceNotFoundException", "not_found_error", false),
                new Case(408, "ModelTimeoutException", "timeout", true),
                new Case(424, "ModelErrorException", "upstream_error", false),
                new Case(429, "ModelNotReadyException", "server_error", true),
                new Case(500, "InternalServerException", "server_error", true),
                new Case(503, "ServiceUnavailableException", "server_error", true));

        for (Case c : cases) {
            var error = BedrockResponses.error(c.status(), c.exception(), bytes("{\"message\":\"x\"}"), null, SECRETS);
            assertThat(error).as(c.exception())
                    .extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::code, ProviderError::retryable)
                    .containsExactly(c.status(), c.type(), c.exception(), c.retryable());
        }
    }

    @Test
    void withoutTheHeaderTheBodysTypeNamesTheExceptionAndUnknownOnesGoByStatus() {
        var fromBody = BedrockResponses.error(400, null,
                bytes("{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"Message\":\"bad\"}"), null, SECRETS);
        var unknown = BedrockResponses.error(502, null, bytes("<html>Bad gateway</html>"), null, SECRETS);

        assertThat(fromBody).extracting(ProviderError::code, ProviderError::type, ProviderError::message)
                .containsExactly("ValidationException", "invalid_request_error",
                        "upstream returned HTTP 400 ValidationException: bad");
        assertThat(unknown).extracting(ProviderError::code, ProviderError::type, ProviderError::retryable,
                        ProviderError::message)
                .containsExactly(null, "server_error", true, "upstream returned HTTP 502");
    }

    @Test
    void credentialsInAnErrorTextAreMasked() {
        var error = BedrockResponses.error(403, "InvalidSignatureException",
                bytes("{\"message\":\"The request signature we calculated does not match. Secret wJalrXUtnFEMI/K7MDENG, "
                        + "token FwoGZXIvYXdzEXAMPLE, key AKIAIOSFODNN7EXAMPLE\"}"), null, SECRETS);

        assertThat(error.message()).doesNotContain("wJalrXUtnFEMI", "FwoGZXIvYXdzEXAMPLE", "AKIAIOSFODNN7EXAMPLE")
                .contains("***");
        assertThat(SECRETS.toString()).doesNotContain("wJalrXUtnFEMI", "AKIA");
    }

    @Test
    void streamExceptionsCarryTheirDocumentedStatus() {
        var throttled = BedrockResponses.streamException("throttlingException",
                bytes("{\"message\":\"Too many tokens\"}"), SECRETS);
        var modelStream = BedrockResponses.streamException("modelStreamErrorException",
                bytes("{\"message\":\"stream broke\",\"originalStatusCode\":500}"), SECRETS);
        var unknown = BedrockResponses.streamException("brandNewException", bytes("not json"), SECRETS);

        assertThat(throttled).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable,
                        ProviderError::message)
                .containsExactly(429, "rate_limit_exceeded", true,
                        "the provider reported throttlingException mid-stream: Too many tokens");
        assertThat(modelStream).extracting(ProviderError::httpStatus, ProviderError::retryable).containsExactly(424, true);
        assertThat(unknown).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::code)
                .containsExactly(502, "upstream_error", "brandNewException");
    }
}
