package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Parsing details that the handler tests do not cover. */
class ChatRequestParserTest {
    private final ChatRequestParser parser = new ChatRequestParser(8, 4096);

    private ChatCompletionRequest parse(String json) {
        return parser.parse(Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
    }

    private ApiError refusal(String json) {
        return catchThrowableOfType(ApiException.class, () -> parse(json)).error();
    }

    @Test
    void given_null_optional_fields_then_they_are_treated_as_absent() {
        var request = parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"name\":null}],"
                + "\"temperature\":null,\"tools\":null,\"stop\":null,\"user\":null,\"logprobs\":false}");

        assertThat(request.params().getTemperature()).isNull();
        assertThat(request.params().getStop()).isEmpty();
        assertThat(request.user()).isNull();
    }

    @Test
    void given_a_null_model_then_it_is_missing() {
        assertThat(refusal("{\"model\":null,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").code()).isEqualTo("missing_required_parameter");
    }

    @Test
    void given_both_token_limits_that_differ_then_refused_and_equal_ones_accepted() {
        assertThat(refusal("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"max_tokens\":5,\"max_completion_tokens\":6}").param()).isEqualTo("max_tokens");
        assertThat(parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"max_tokens\":6,\"max_completion_tokens\":6}").params().getMaxTokens()).isEqualTo(6);
    }

    @Test
    void given_a_json_schema_response_format_then_it_is_kept_as_compact_json() {
        var request = parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"response_format\": { \"type\" : \"json_schema\", \"json_schema\": {\"name\":\"a\"} }}");

        assertThat(request.params().getResponseFormat())
                .isEqualTo("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"a\"}}");
    }

    @Test
    void given_a_tool_call_in_a_message_then_unsupported() {
        var error = refusal("{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":\"x\","
                + "\"tool_calls\":[{\"id\":\"c\"}]}]}");

        assertThat(error.code()).isEqualTo(ApiError.UNSUPPORTED_PARAMETER);
        assertThat(error.param()).isEqualTo("messages[0].tool_calls");
    }

    @Test
    void given_a_message_without_content_then_missing() {
        assertThat(refusal("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}").param())
                .isEqualTo("messages[0].content");
    }

    @Test
    void given_an_infinite_temperature_then_out_of_range() {
        assertThat(refusal("{\"model\":\"m\",\"temperature\":1e999}").code()).isEqualTo("invalid_value");
    }

    @Test
    void given_too_many_metadata_pairs_then_refused() {
        var pairs = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            pairs.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }

        assertThat(refusal("{\"model\":\"m\",\"metadata\":{" + pairs + "}}").param()).isEqualTo("metadata");
    }
}
