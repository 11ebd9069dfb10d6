package io.sluice.processors.provider.openai;

import static io.sluice.processors.provider.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.Role;
import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderHttp;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class OpenAiResponsesTest {
    private static final String SECRET = "sk-proj-abcdefghijklmnop";
    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (k, v) -> true);

    private final ProviderCall call = new ProviderCall(request("r1", "Hello!").build(), "gpt-4.1",
            new DeploymentSettings("openai-us", "openai", URI.create("https://api.openai.com/v1"), SECRET, "us",
                    null, null));

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static HttpHeaders headers(String name, String value) {
        return HttpHeaders.of(Map.of(name, List.of(value)), (k, v) -> true);
    }

    private ProviderResult parse(int status, String body, HttpHeaders headers) {
        return OpenAiResponses.parse(OpenAiProviderFactory.TYPE, status, bytes(body), headers, call, NOW);
    }

    @Test
    void chatCompletionFromTheApiReferenceIsParsed() {
        String body = """
                {
                  "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
                  "object": "chat.completion",
                  "created": 1741569952,
                  "model": "gpt-4.1-2025-04-14",
                  "choices": [
                    {
                      "index": 0,
                      "message": {
                        "role": "assistant",
                        "content": "Hello! How can I assist you today?",
                        "refusal": null,
                        "annotations": []
                      },
                      "logprobs": null,
                      "finish_reason": "stop"
                    }
                  ],
                  "usage": {
                    "prompt_tokens": 19,
                    "completion_tokens": 10,
                    "total_tokens": 29,
                    "prompt_tokens_details": {"cached_tokens": 4, "audio_tokens": 0},
                    "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0}
                  },
                  "service_tier": "default"
                }""";

        var completion = (Completion) parse(200, body, NO_HEADERS);

        assertThat(completion.responseModel()).isEqualTo("gpt-4.1-2025-04-14");
        assertThat(completion.providerResponseId()).isEqualTo("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
        assertThat(completion.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.getIndex()).isZero();
            assertThat(choice.getMessage().getRole()).isEqualTo(Role.ASSISTANT);
            assertThat(choice.getMessage().getContent()).isEqualTo("Hello! How can I assist you today?");
            assertThat(choice.getFinishReason()).isEqualTo("stop");
        });
        assertThat(completion.usage().getPromptTokens()).isEqualTo(19);
        assertThat(completion.usage().getCompletionTokens()).isEqualTo(10);
        assertThat(completion.usage().getTotalTokens()).isEqualTo(29);
        assertThat(completion.usage().getCachedPromptTokens()).isEqualTo(4);
    }

    @Test
    void refusalWithoutContentAndMissingUsageAreAccepted() {
        String body = """
                {"id":"chatcmpl-1","choices":[
                  {"index":0,"message":{"role":"assistant","content":null,"refusal":"I can't help with that."},
                   "finish_reason":"stop"},
                  {"index":1,"message":{"role":"assistant","content":"Sure"},"finish_reason":"length"}]}""";

        var completion = (Completion) parse(200, body, NO_HEADERS);

        assertThat(completion.responseModel()).as("falls back to the upstream model").isEqualTo("gpt-4.1");
        assertThat(completion.choices()).extracting(choice -> choice.getMessage().getContent())
                .containsExactly("I can't help with that.", "Sure");
        assertThat(completion.usage()).isNull();
    }

    @Test
    void successBodyThatIsNotACompletionIsARetryableUpstreamError() {
        assertThat((ProviderError) parse(200, "<html>proxy</html>", NO_HEADERS))
                .extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(502, "upstream_error", true);
        assertThat(parse(200, "{\"object\":\"list\"}", NO_HEADERS)).isInstanceOf(ProviderError.class);
    }

    @Test
    void invalidKeyErrorIsNotRetryableAndNeverShowsTheKey() {
        String body = """
                {"error": {"message": "Incorrect API key provided: sk-proj-abcdefghijklmnop. You can find your API \
                key at https://platform.openai.com/account/api-keys.", "type": "invalid_request_error", \
                "param": null, "code": "invalid_api_key"}}""";

        var error = (ProviderError) parse(401, body, NO_HEADERS);

        assertThat(error.httpStatus()).isEqualTo(401);
        assertThat(error.retryable()).isFalse();
        assertThat(error.type()).isEqualTo("invalid_request_error");
        assertThat(error.code()).isEqualTo("invalid_api_key");
        assertThat(error.message()).startsWith("upstream returned HTTP 401: Incorrect API key provided: ")
                .doesNotContain(SECRET).doesNotContain("abcdefghijklmnop");
    }

    @Test
    void maskedKeysInUpstreamMessagesAreMaskedFurther() {
        assertThat(ProviderHttp.summarise("Incorrect API key provided: sk-abc1****wxyz. Bearer tok-123 denied",
                null)).isEqualTo("Incorrect API key provided: sk-***. Bearer *** denied");
    }

    @Test
    void rateLimitIsRetryableAfterTheRetryAfterHeader() {
        String body = """
                {"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-x on requests per min \
                (RPM): Limit 3, Used 3, Requested 1.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""";

        var error = (ProviderError) parse(429, body, headers("Retry-After", "20"));

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::retryable, ProviderError::retryAfter,
                ProviderError::code).containsExactly(429, true, Duration.ofSeconds(20), "rate_limit_exceeded");
    }

    @Test
    void retryAfterMayBeAnHttpDateOrMilliseconds() {
        assertThat(ProviderHttp.retryAfter(headers("retry-after", "Mon, 10 Mar 2025 12:00:30 GMT"), NOW))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(ProviderHttp.retryAfter(headers("retry-after-ms", "1500"), NOW))
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(ProviderHttp.retryAfter(headers("retry-after", "soon"), NOW)).isNull();
        assertThat(ProviderHttp.retryAfter(NO_HEADERS, NOW)).isNull();
    }

    @Test
    void serverErrorsAreRetryableAndNonJsonBodiesAreNotEchoed() {
        var error = (ProviderError) parse(503, "<html><body>upstream overloaded secret-ish</body></html>",
                NO_HEADERS);

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable,
                ProviderError::message).containsExactly(503, "server_error", true, "upstream returned HTTP 503");
    }

    @Test
    void longMessagesAreCutToOneShortLine() {
        String body = "{\"error\":{\"message\":\"" + "bad\\n".repeat(200) + "\"}}";

        var error = (ProviderError) parse(400, body, NO_HEADERS);

        assertThat(error.message()).doesNotContain("\n").endsWith("...");
        assertThat(error.message().length()).isLessThanOrEqualTo(
                "upstream returned HTTP 400: ".length() + ProviderHttp.MAX_MESSAGE_CHARS);
        assertThat(error.retryable()).isFalse();
    }

    @Test
    void otherServersErrorShapesAreUnderstood() {
        assertThat(((ProviderError) parse(404, "{\"error\":\"model \\\"llama9\\\" not found\"}", NO_HEADERS))
                .message()).isEqualTo("upstream returned HTTP 404: model \"llama9\" not found");
        assertThat(((ProviderError) parse(400,
                "{\"object\":\"error\",\"message\":\"max_tokens is too large\",\"type\":\"BadRequestError\",\"code\":400}",
                NO_HEADERS)).message()).isEqualTo("upstream returned HTTP 400: max_tokens is too large");
    }

    @Test
    void redirectsAreErrorsNotFollowed() {
        var error = (ProviderError) parse(302, "", headers("Location", "http://elsewhere/"));

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::retryable).containsExactly(502, false);
    }

    @Test
    void transportFailuresBecomeGatewayErrors() {
        Duration timeout = Duration.ofSeconds(5);

        assertThat(ProviderHttp.failure("openai", new CompletionException(new ConnectException("refused")), timeout))
                .extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(502, "upstream_error", true);
        assertThat(ProviderHttp.failure("openai", new HttpTimeoutException("timed out"), timeout))
                .extracting(ProviderError::httpStatus, ProviderError::type).containsExactly(504, "timeout");
        assertThat(ProviderHttp.failure("openai", new HttpConnectTimeoutException("connect timed out"), timeout))
                .extracting(ProviderError::httpStatus).isEqualTo(504);
        assertThat(ProviderHttp.failure("openai", new IOException("connection reset"), timeout))
                .extracting(ProviderError::httpStatus, ProviderError::message)
                .containsExactly(502, "the connection to the provider failed (IOException)");
    }
}
