package io.sluice.processors.provider.bedrock;

import static io.sluice.processors.provider.TestRequests.message;
import static io.sluice.processors.provider.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.AiRequest;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.TestRequests;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Converse request body, as in Bedrock's API reference. */
class BedrockRequestsTest {

    private static String json(AiRequest request) {
        var call = new ProviderCall(request, "anthropic.claude-3-haiku-20240307-v1:0",
                TestRequests.deployment("bedrock-eu", "bedrock"));
        return new String(BedrockRequests.json(call), StandardCharsets.UTF_8);
    }

    @Test
    void systemMessagesGoToSystemAndTheRestToMessagesWithTextBlocks() {
        String body = json(request("r1", "Say hello").build());

        assertThat(body).isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Say hello\"}]}],"
                + "\"system\":[{\"text\":\"You are terse.\"}]}");
    }

    @Test
    void consecutiveMessagesOfOneRoleAreMergedAndDeveloperMessagesAreSystemText() {
        var request = request("r1", "unused").setMessages(List.of(
                message(Role.SYSTEM, "Be brief."),
                message(Role.USER, "Hi."),
                message(Role.USER, "Are you there?"),
                message(Role.DEVELOPER, "Answer in French."),
                message(Role.ASSISTANT, "Oui."),
                message(Role.ASSISTANT, "Bonjour."),
                message(Role.USER, "Merci."))).build();

        assertThat(json(request)).isEqualTo("{\"messages\":["
                + "{\"role\":\"user\",\"content\":[{\"text\":\"Hi.\"},{\"text\":\"Are you there?\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"text\":\"Oui.\"},{\"text\":\"Bonjour.\"}]},"
                + "{\"role\":\"user\",\"content\":[{\"text\":\"Merci.\"}]}],"
                + "\"system\":[{\"text\":\"Be brief.\"},{\"text\":\"Answer in French.\"}]}");
    }

    @Test
    void samplingParametersGoToInferenceConfig() {
        var params = SamplingParams.newBuilder().setMaxTokens(512).setTemperature(0.5).setTopP(0.9)
                .setStop(List.of("END", "STOP")).setN(1).build();

        String body = json(request("r1", "Hi").setParams(params).setUser("u-1").build());

        assertThat(body).endsWith(",\"inferenceConfig\":{\"maxTokens\":512,\"temperature\":0.5,\"topP\":0.9,"
                + "\"stopSequences\":[\"END\",\"STOP\"]}}");
    }

    @Test
    void parametersConverseCannotTakeAreRefusedByName() {
        Map<String, SamplingParams> unsupported = Map.of(
                "n", SamplingParams.newBuilder().setN(2).build(),
                "presence_penalty", SamplingParams.newBuilder().setPresencePenalty(0.1).build(),
                "frequency_penalty", SamplingParams.newBuilder().setFrequencyPenalty(0.1).build(),
                "seed", SamplingParams.newBuilder().setSeed(7L).build(),
                "logit_bias", SamplingParams.newBuilder().setLogitBias(Map.of("50256", -100)).build(),
                "response_format", SamplingParams.newBuilder().setResponseFormat("{\"type\":\"json_object\"}").build());

        unsupported.forEach((parameter, params) ->
                assertThatThrownBy(() -> json(request("r1", "Hi").setParams(params).build()))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("parameter '" + parameter + "' is not supported by provider bedrock"));
    }

    @Test
    void toolMessagesAreRefused() {
        var request = request("r1", "Hi").setMessages(List.of(message(Role.USER, "Hi"), message(Role.TOOL, "42")))
                .build();

        assertThatThrownBy(() -> json(request)).hasMessageContaining("role 'tool'");
    }
}
