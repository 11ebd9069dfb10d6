package io.sluice.ingress;

import static io.sluice.ingress.HttpHarness.chat;
import static io.sluice.ingress.HttpHarness.error;
import static io.sluice.ingress.HttpHarness.minimalChat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.sluice.schemas.Telemetry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a client sees when its chat request is refused before it reaches Kafka. */
class ChatCompletionsValidationTest {
    private final HttpHarness http = new HttpHarness();

    @AfterEach
    void close() {
        http.close();
    }

    private FullHttpResponse chatWith(String json) {
        return http.exchange(chat(json));
    }

    private static void assertError(FullHttpResponse response, int status, String type, String code, String param) {
        assertThat(response.status().code()).isEqualTo(status);
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
        JsonNode error = error(response);
        assertThat(error.get("type").asText()).isEqualTo(type);
        assertThat(error.get("code").isNull() ? null : error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("param").isNull() ? null : error.get("param").asText()).isEqualTo(param);
        assertThat(error.get("message").asText()).isNotBlank();
    }

    private void assertNothingSubmitted() {
        assertThat(http.submitter.submitted).isEmpty();
    }

    // ---- authentication

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer ", "Bearer sk-unknown", "Basic c2stdGVzdA==", "sk-test-acme-web",
            "Bearer sk-test-acme-web extra", "Token sk-test-acme-web"})
    void given_a_missing_unknown_or_malformed_key_when_posting_then_401_with_one_message(String authorization) {
        FullHttpRequest request = HttpHarness.post("/v1/chat/completions", minimalChat());
        if (!authorization.isEmpty()) {
            request.headers().set(HttpHeaderNames.AUTHORIZATION, authorization);
        }

        FullHttpResponse response = http.exchange(request);

        assertError(response, 401, "invalid_request_error", "invalid_api_key", null);
        assertThat(error(response).get("message").asText()).isEqualTo(ApiError.invalidApiKey().message());
        assertThat(response.content().toString(StandardCharsets.UTF_8)).doesNotContain("sk-");
        assertNothingSubmitted();
    }

    @Test
    void given_the_scheme_in_lower_case_when_posting_then_the_key_is_accepted() {
        FullHttpRequest request = HttpHarness.post("/v1/chat/completions", minimalChat());
        request.headers().set(HttpHeaderNames.AUTHORIZATION, "bearer " + HttpHarness.SECRET);

        http.send(request);

        assertThat(http.submitter.submitted).hasSize(1);
    }

    // ---- content type and size

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"})
    void given_a_body_that_is_not_utf8_json_when_posting_then_415(String contentType) {
        FullHttpRequest request = chat(minimalChat());
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);

        assertError(http.exchange(request), 415, "invalid_request_error", "unsupported_media_type", null);
        assertNothingSubmitted();
    }

    @Test
    void given_no_content_type_when_posting_then_415() {
        FullHttpRequest request = chat(minimalChat());
        request.headers().remove(HttpHeaderNames.CONTENT_TYPE);

        assertError(http.exchange(request), 415, "invalid_request_error", "unsupported_media_type", null);
    }

    @Test
    void given_json_with_a_utf8_charset_when_posting_then_it_is_accepted() {
        FullHttpRequest request = chat(minimalChat());
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, "Application/JSON; charset=UTF-8");

        http.send(request);

        assertThat(http.submitter.submitted).hasSize(1);
    }

    @Test
    void given_a_declared_content_length_over_the_limit_when_posting_then_413_and_the_connection_closes() {
        var request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/chat/completions");
        request.headers().set(HttpHeaderNames.CONTENT_LENGTH, 4096);
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");

        http.send(request);
        FullHttpResponse response = http.nextResponse();

        assertError(response, 413, "invalid_request_error", "request_too_large", null);
        assertThat(response.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(http.channel.isOpen()).isFalse();
        assertThat(http.counter("chat_completions", 413)).isEqualTo(1);
        assertNothingSubmitted();
    }

    @Test
    void given_a_chunked_body_growing_over_the_limit_when_posting_then_413() {
        var request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/chat/completions");
        request.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + HttpHarness.SECRET);
        byte[] chunk = new byte[600];

        http.send(request, new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)),
                new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)), new DefaultLastHttpContent());

        assertError(http.nextResponse(), 413, "invalid_request_error", "request_too_large", null);
        assertNothingSubmitted();
    }

    @Test
    void given_expect_continue_with_a_length_over_the_limit_when_posting_then_413_instead_of_100() {
        var request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/chat/completions");
        request.headers().set(HttpHeaderNames.CONTENT_LENGTH, 1_000_000);
        request.headers().set(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE);

        http.send(request);

        assertError(http.nextResponse(), 413, "invalid_request_error", "request_too_large", null);
    }

    // ---- strict JSON

    @Test
    void given_a_duplicate_key_when_posting_then_400() {
        FullHttpResponse response = chatWith(
                "{\"model\":\"mock-echo\",\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertError(response, 400, "invalid_request_error", "invalid_json", null);
        assertThat(error(response).get("message").asText()).contains("Duplicate field 'model'");
        assertNothingSubmitted();
    }

    @Test
    void given_nesting_deeper_than_the_limit_when_posting_then_400() {
        String deep = "[".repeat(20) + "]".repeat(20);
        FullHttpResponse response = chatWith("{\"model\":\"mock-echo\",\"metadata\":" + deep + "}");

        assertError(response, 400, "invalid_request_error", "invalid_json", null);
        assertThat(error(response).get("message").asText()).contains("nesting depth").doesNotContain("StreamReadConstraints");
    }

    @Test
    void given_a_number_with_too_many_digits_when_posting_then_400() {
        FullHttpResponse response = chatWith("{\"model\":\"mock-echo\",\"seed\":" + "9".repeat(100) + "}");

        assertError(response, 400, "invalid_request_error", "invalid_json", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "{\"model\":\"mock-echo\"} {}", "{\"model\":"})
    void given_a_body_that_is_not_one_json_object_when_posting_then_400(String body) {
        assertError(chatWith(body), 400, "invalid_request_error", "invalid_json", null);
        assertNothingSubmitted();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "messages not an array      | {\"model\":\"mock-echo\",\"messages\":\"hi\"}                                    | messages",
            "temperature a string       | {\"model\":\"mock-echo\",\"temperature\":\"0.5\",\"messages\":[]}                  | temperature",
            "model a number             | {\"model\":42,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}                | model",
            "max_tokens a float         | {\"model\":\"mock-echo\",\"max_tokens\":1.5}                                      | max_tokens",
            "stream a string            | {\"model\":\"mock-echo\",\"stream\":\"true\"}                                     | stream",
            "role a number              | {\"model\":\"mock-echo\",\"messages\":[{\"role\":1,\"content\":\"hi\"}]}             | messages[0].role",
            "content an object          | {\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":{}}]}         | messages[0].content",
            "part text not a string     | {\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":5}]}]} | messages[0].content[0].text",
            "metadata value a number    | {\"model\":\"mock-echo\",\"metadata\":{\"a\":1}}                                  | metadata.a",
            "stop entry a number        | {\"model\":\"mock-echo\",\"stop\":[\"a\",2]}                                      | stop[1]",
    })
    void given_a_field_of_the_wrong_type_when_posting_then_400_naming_it(String name, String body, String param) {
        assertError(chatWith(body), 400, "invalid_request_error", "invalid_type", param);
        assertNothingSubmitted();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "temperature above 2        | {\"model\":\"mock-echo\",\"temperature\":2.5}              | temperature",
            "top_p above 1              | {\"model\":\"mock-echo\",\"top_p\":1.01}                   | top_p",
            "presence_penalty below -2  | {\"model\":\"mock-echo\",\"presence_penalty\":-3}          | presence_penalty",
            "max_tokens zero            | {\"model\":\"mock-echo\",\"max_tokens\":0}                 | max_tokens",
            "five stop sequences        | {\"model\":\"mock-echo\",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]} | stop",
            "unknown role               | {\"model\":\"mock-echo\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]} | messages[0].role",
            "no messages                | {\"model\":\"mock-echo\",\"messages\":[]}                   | messages",
            "logit bias out of range    | {\"model\":\"mock-echo\",\"logit_bias\":{\"50256\":101}}    | logit_bias.50256",
            "unknown response format    | {\"model\":\"mock-echo\",\"response_format\":{\"type\":\"xml\"}} | response_format.type",
    })
    void given_a_value_out_of_range_when_posting_then_400_naming_it(String name, String body, String param) {
        assertError(chatWith(body), 400, "invalid_request_error", "invalid_value", param);
    }

    @Test
    void given_no_model_when_posting_then_400() {
        FullHttpResponse response = chatWith("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertError(response, 400, "invalid_request_error", "missing_required_parameter", "model");
    }

    @Test
    void given_no_messages_when_posting_then_400() {
        assertError(chatWith("{\"model\":\"mock-echo\"}"), 400, "invalid_request_error",
                "missing_required_parameter", "messages");
    }

    @Test
    void given_an_unknown_field_when_posting_then_400_naming_it() {
        FullHttpResponse response = chatWith(
                "{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temprature\":1}");

        assertError(response, 400, "invalid_request_error", "unknown_parameter", "temprature");
        assertThat(error(response).get("message").asText())
                .isEqualTo("Unrecognized request argument supplied: temprature");
    }

    @Test
    void given_an_unknown_field_in_a_message_when_posting_then_400_naming_it() {
        FullHttpResponse response = chatWith(
                "{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"mood\":\"ok\"}]}");

        assertError(response, 400, "invalid_request_error", "unknown_parameter", "messages[0].mood");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api_base", "base_url", "api_key", "api_version", "deployment", "provider", "headers",
            "extra_headers", "timeout"})
    void given_a_privileged_field_when_posting_then_400(String field) {
        FullHttpResponse response = chatWith("{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\""
                + field + "\":\"https://evil.example\"}");

        assertError(response, 400, "invalid_request_error", ChatRequestParser.PRIVILEGED_CODE, field);
        assertNothingSubmitted();
    }

    @Test
    void given_a_privileged_field_set_to_null_when_posting_then_400_all_the_same() {
        FullHttpResponse response = chatWith(
                "{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"api_base\":null}");

        assertError(response, 400, "invalid_request_error", ChatRequestParser.PRIVILEGED_CODE, "api_base");
        assertNothingSubmitted();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tools", "tool_choice", "functions", "logprobs"})
    void given_a_field_not_supported_yet_when_posting_then_400_unsupported_parameter(String field) {
        FullHttpResponse response = chatWith("{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\""
                + field + "\":[{\"type\":\"function\"}]}");

        assertError(response, 400, "invalid_request_error", "unsupported_parameter", field);
        assertThat(error(response).get("message").asText()).contains("not supported yet");
    }

    @Test
    void given_an_image_content_part_when_posting_then_400_unsupported_parameter() {
        FullHttpResponse response = chatWith("{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x\"}}]}]}");

        assertError(response, 400, "invalid_request_error", "unsupported_parameter", "messages[0].content[0].type");
    }

    @Test
    void given_n_other_than_one_when_posting_then_400() {
        FullHttpResponse response = chatWith(
                "{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"n\":2}");

        assertError(response, 400, "invalid_request_error", "unsupported_parameter", "n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "stream_options without stream | ,\"stream_options\":{\"include_usage\":true}                  | invalid_value     | stream_options",
            "stream_options, stream false  | ,\"stream\":false,\"stream_options\":{}                     | invalid_value     | stream_options",
            "stream_options not an object  | ,\"stream\":true,\"stream_options\":true                    | invalid_type      | stream_options",
            "unknown stream option         | ,\"stream\":true,\"stream_options\":{\"include_usage\":true,\"chunk_size\":4} | unknown_parameter | stream_options.chunk_size",
            "include_usage not a boolean   | ,\"stream\":true,\"stream_options\":{\"include_usage\":\"yes\"} | invalid_type      | stream_options.include_usage"})
    void given_bad_stream_options_when_posting_then_400_naming_the_option(String why, String extra, String code,
                                                                         String param) {
        FullHttpResponse response = chatWith(
                "{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}");

        assertError(response, 400, "invalid_request_error", code, param);
        assertNothingSubmitted();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "stream alone              | ,\"stream\":true                                           | true  | false",
            "include_usage true        | ,\"stream\":true,\"stream_options\":{\"include_usage\":true}  | true  | true",
            "include_usage false       | ,\"stream\":true,\"stream_options\":{\"include_usage\":false} | true  | false",
            "include_usage null        | ,\"stream\":true,\"stream_options\":{\"include_usage\":null}  | true  | false",
            "stream_options null       | ,\"stream_options\":null                                   | false | false"})
    void given_stream_options_when_posting_then_they_are_submitted(String why, String extra, boolean stream,
                                                                   boolean includeUsage) {
        http.send(HttpHarness.chat(
                "{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}"));

        assertThat(http.submitter.last().getStream()).isEqualTo(stream);
        assertThat(http.submitter.last().getStreamIncludeUsage()).isEqualTo(includeUsage);
    }

    // ---- model catalog

    @Test
    void given_a_model_not_in_the_catalog_when_posting_then_404_model_not_found() {
        FullHttpResponse response = chatWith(
                "{\"model\":\"gpt-5-secret\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertError(response, 404, "invalid_request_error", "model_not_found", "model");
        assertThat(error(response).get("message").asText())
                .isEqualTo("The model `gpt-5-secret` does not exist or you do not have access to it.");
        assertNothingSubmitted();
    }

    @Test
    void given_a_refused_request_then_the_duration_metric_uses_a_bounded_model_label() {
        chatWith("{\"model\":\"gpt-5-secret\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(http.registry.find(Telemetry.SERVER_REQUEST_DURATION)
                .tag(Telemetry.TAG_REQUEST_MODEL, Telemetry.OTHER_MODEL)
                .tag(Telemetry.TAG_ERROR_TYPE, "404").timer()).isNotNull();
        assertThat(http.registry.scrape()).doesNotContain("gpt-5-secret");
    }
}
