package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.avro.ResponseStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The exact JSON an OpenAI SDK parses. */
class OpenAiJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void given_a_success_response_when_rendered_then_an_openai_chat_completion() throws Exception {
        byte[] body = OpenAiJson.chatCompletion(Replies.success("chatcmpl-abc", "Hello \"there\"\n"));

        assertThat(JSON.readTree(body)).isEqualTo(tree("""
                {"id":"chatcmpl-abc","object":"chat.completion","created":1772360131,"model":"mock-echo",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello \\"there\\"\\n"},
                             "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12,
                          "prompt_tokens_details":{"cached_tokens":2}},
                 "system_fingerprint":null}
                """));
    }

    @Test
    void given_a_response_without_usage_when_rendered_then_usage_is_null() throws Exception {
        var response = Replies.response("chatcmpl-x", ResponseStatus.SUCCESS).build();

        JsonNode json = JSON.readTree(OpenAiJson.chatCompletion(response));

        assertThat(json.get("usage").isNull()).isTrue();
        assertThat(json.get("choices")).isEmpty();
    }

    @Test
    void given_an_error_when_rendered_then_the_openai_error_shape_with_null_fields_kept() throws Exception {
        byte[] body = OpenAiJson.error(ApiError.invalidApiKey());

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(
                "{\"error\":{\"message\":\"Invalid or missing API key. Send it as 'Authorization: Bearer <key>'.\","
                        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");
    }

    @Test
    void given_an_error_with_a_param_when_rendered_then_param_is_named() throws Exception {
        JsonNode json = JSON.readTree(OpenAiJson.error(ApiError.invalidType("temperature", "a number")));

        assertThat(json).isEqualTo(tree("""
                {"error":{"message":"Invalid type for 'temperature': expected a number.",
                          "type":"invalid_request_error","param":"temperature","code":"invalid_type"}}
                """));
    }

    @Test
    void given_a_pipeline_error_info_when_mapped_then_status_and_retry_after_are_kept() {
        var info = Replies.rejected("id", 429, "rate_limit_error", "rate_limit_exceeded", 3L).getError();

        var response = HttpResponses.error(ApiError.from(info));

        assertThat(response.status().code()).isEqualTo(429);
        assertThat(response.headers().get("Retry-After")).isEqualTo("3");
    }

    @Test
    void given_a_pipeline_error_with_a_non_error_status_when_mapped_then_500() {
        var info = Replies.rejected("id", 200, "server_error", null, null).getError();

        assertThat(ApiError.from(info).status()).isEqualTo(500);
    }
}
