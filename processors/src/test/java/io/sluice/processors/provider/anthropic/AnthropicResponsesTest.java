package io.sluice.processors.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Messages API answers, taken from the shapes in Anthropic's API reference, as results. */
class AnthropicResponsesTest {
    private static final String KEY = "sk-ant-api03-secret-0123456789";

    /** The reference's example of a created message. */
    static final String MESSAGE = """
            {"id":"msg_013Zva2CMHLNnXjNJJKqJ2EF","type":"message","role":"assistant",
             "content":[{"type":"text","text":"Hi! My name is Claude."}],
             "model":"claude-3-7-sonnet-20250219","stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":2095,"output_tokens":503}}""";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMessageBecomesOneChoiceWithItsIdModelAndUsage() {
        var completion = (Completion) AnthropicResponses.completion(bytes(MESSAGE), "claude-3-7-sonnet");

        assertThat(completion.providerResponseId()).isEqualTo("msg_013Zva2CMHLNnXjNJJKqJ2EF");
        assertThat(completion.responseModel()).isEqualTo("claude-3-7-sonnet-20250219");
        assertThat(completion.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.getIndex()).isZero();
            assertThat(choice.getMessage().getRole().name()).isEqualTo("ASSISTANT");
            assertThat(choice.getMessage().getContent()).isEqualTo("Hi! My name is Claude.");
            assertThat(choice.getFinishReason()).isEqualTo("stop");
        });
        assertThat(completion.usage().getPromptTokens()).isEqualTo(2095);
        assertThat(completion.usage().getCompletionTokens()).isEqualTo(503);
        assertThat(completion.usage().getTotalTokens()).isEqualTo(2598);
        assertThat(completion.usage().getCachedPromptTokens()).isZero();
    }

    @Test
    void textBlocksAreJoinedAndToolUseBlocksAreNotText() {
        var completion = (Completion) AnthropicResponses.completion(bytes("""
                {"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"text","text":"I'll check the weather. "},
                            {"type":"text","text":"One moment."},
                            {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather",
                             "input":{"location":"San Francisco, CA"}}],
                 "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":472,"output_tokens":91}}"""),
                "claude-sonnet-4-5");

        assertThat(completion.choices().get(0).getMessage().getContent()).isEqualTo("I'll check the weather. One moment.");
        assertThat(completion.choices().get(0).getFinishReason()).isEqualTo("tool_calls");
    }

    @Test
    void cacheWritesAndReadsCountAsPromptTokens() {
        var completion = (Completion) AnthropicResponses.completion(bytes("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn",
                 "usage":{"input_tokens":21,"cache_creation_input_tokens":188086,"cache_read_input_tokens":2051,
                          "output_tokens":393}}"""), "claude-sonnet-4-5");

        assertThat(completion.usage().getPromptTokens()).isEqualTo(21 + 188086 + 2051);
        assertThat(completion.usage().getCachedPromptTokens()).isEqualTo(2051);
        assertThat(completion.usage().getCompletionTokens()).isEqualTo(393);
        assertThat(completion.usage().getTotalTokens()).isEqualTo(21 + 188086 + 2051 + 393);
    }

    @ParameterizedTest
    @CsvSource({"end_turn,stop", "stop_sequence,stop", "max_tokens,length", "tool_use,tool_calls",
            "refusal,content_filter", "pause_turn,pause_turn"})
    void stopReasonsBecomeFinishReasons(String stopReason, String finishReason) {
        assertThat(AnthropicResponses.finishReason(stopReason)).isEqualTo(finishReason);
    }

    @Test
    void anAnswerWithoutContentIsAMalformedRetryableUpstreamError() {
        var error = (ProviderError) AnthropicResponses.completion(bytes("{\"id\":\"msg_1\"}"), "m");

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(502, "upstream_error", true);
    }

    @Test
    void aRateLimitIsRetryableAfterTheTimeAnthropicAsksFor() {
        var error = AnthropicResponses.error(429, bytes("""
                {"type":"error","error":{"type":"rate_limit_error",
                 "message":"Number of request tokens has exceeded your per-minute rate limit"},
                 "request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}"""), Duration.ofSeconds(12), KEY);

        assertThat(error).extracting(ProviderError::provider, ProviderError::httpStatus, ProviderError::type,
                        ProviderError::code, ProviderError::retryable, ProviderError::retryAfter)
                .containsExactly("anthropic", 429, "rate_limit_exceeded", "rate_limit_error", true, Duration.ofSeconds(12));
        assertThat(error.message()).isEqualTo(
                "upstream returned HTTP 429: Number of request tokens has exceeded your per-minute rate limit");
    }

    @Test
    void anOverloadIsARetryableServerError() {
        var error = AnthropicResponses.error(529,
                bytes("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"),
                null, KEY);

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::code,
                        ProviderError::retryable)
                .containsExactly(529, "server_error", "overloaded_error", true);
    }

    @Test
    void anInvalidRequestIsNotRetryable() {
        var error = AnthropicResponses.error(400, bytes("""
                {"type":"error","error":{"type":"invalid_request_error",
                 "message":"messages: roles must alternate between \\"user\\" and \\"assistant\\""}}"""), null, KEY);

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::code,
                        ProviderError::retryable)
                .containsExactly(400, "invalid_request_error", "invalid_request_error", false);
        assertThat(error.message()).contains("roles must alternate");
    }

    @Test
    void theKeyNeverReachesTheMessageAndABodyThatIsNotJsonIsNotEchoed() {
        var echoed = AnthropicResponses.error(401, bytes("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                + "\"message\":\"invalid x-api-key " + KEY + "\"}}"), null, KEY);
        var html = AnthropicResponses.error(502, bytes("<html><body>Bad gateway " + KEY + "</body></html>"), null, KEY);

        assertThat(echoed.type()).isEqualTo("authentication_error");
        assertThat(echoed.message()).doesNotContain(KEY).contains("invalid x-api-key");
        assertThat(html.message()).isEqualTo("upstream returned HTTP 502");
        assertThat(html).extracting(ProviderError::type, ProviderError::code, ProviderError::retryable)
                .containsExactly("server_error", null, true);
    }
}
