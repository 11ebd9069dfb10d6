package io.sluice.processors.provider.openai;

import static io.sluice.processors.provider.TestRequests.message;
import static io.sluice.processors.provider.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.ChatMessage;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.ProviderCall;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiRequestsTest {
    private final DeploymentSettings deployment = new DeploymentSettings("openai-us", "openai",
            URI.create("https://api.openai.com/v1"), "sk-test", "us", null, null);

    @Test
    void minimalCallSendsOnlyModelMessagesAndStreamFalse() {
        var call = new ProviderCall(request("r1", "Hello!").build(), "gpt-4o-mini-2024-07-18", deployment);

        assertThat(OpenAiRequests.json(call)).isEqualTo("{\"model\":\"gpt-4o-mini-2024-07-18\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You are terse.\"},"
                + "{\"role\":\"user\",\"content\":\"Hello!\"}],\"stream\":false}");
    }

    @Test
    void aStreamedCallAlwaysAsksForUsage() {
        var request = request("r1", "Hello!").setStream(true).setStreamIncludeUsage(false).build();
        var call = new ProviderCall(request, "gpt-4o-mini", deployment);

        assertThat(OpenAiRequests.json(call, true)).endsWith(
                "\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        assertThat(OpenAiRequests.json(call)).as("the stream flag is the provider's, not the request's")
                .endsWith("\"stream\":false}");
    }

    @Test
    void everySetParameterIsSentUnderItsWireName() {
        var params = SamplingParams.newBuilder()
                .setTemperature(0.2)
                .setTopP(0.9)
                .setMaxTokens(64)
                .setN(2)
                .setStop(List.of("\n\n", "END"))
                .setPresencePenalty(0.5)
                .setFrequencyPenalty(-0.5)
                .setSeed(42L)
                .setLogitBias(Map.of("50256", -100))
                .setResponseFormat("{\"type\":\"json_object\"}")
                .build();
        var named = ChatMessage.newBuilder().setRole(Role.DEVELOPER).setContent("Be \"exact\"").setName("ops").build();
        var request = request("r1", "ignored")
                .setMessages(List.of(named, message(Role.USER, "Hi"), message(Role.ASSISTANT, "Hello")))
                .setParams(params)
                .setUser("user-1234")
                .build();

        String json = OpenAiRequests.json(new ProviderCall(request, "gpt-4o", deployment));

        assertThat(json).isEqualTo("{\"model\":\"gpt-4o\",\"messages\":["
                + "{\"role\":\"developer\",\"content\":\"Be \\\"exact\\\"\",\"name\":\"ops\"},"
                + "{\"role\":\"user\",\"content\":\"Hi\"},"
                + "{\"role\":\"assistant\",\"content\":\"Hello\"}],"
                + "\"temperature\":0.2,\"top_p\":0.9,\"max_tokens\":64,\"n\":2,\"stop\":[\"\\n\\n\",\"END\"],"
                + "\"presence_penalty\":0.5,\"frequency_penalty\":-0.5,\"seed\":42,"
                + "\"logit_bias\":{\"50256\":-100},\"response_format\":{\"type\":\"json_object\"},"
                + "\"user\":\"user-1234\",\"stream\":false}");
    }

    @Test
    void responseFormatThatIsNotAJsonObjectIsRejected() {
        var params = SamplingParams.newBuilder().setResponseFormat("json please").build();
        var call = new ProviderCall(request("r1", "x").setParams(params).build(), "gpt-4o", deployment);

        assertThatThrownBy(() -> OpenAiRequests.json(call))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("response_format is not a JSON object");
    }
}
