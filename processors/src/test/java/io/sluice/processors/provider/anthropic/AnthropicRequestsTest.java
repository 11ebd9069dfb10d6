package io.sluice.processors.provider.anthropic;

import static io.sluice.processors.provider.TestRequests.message;
import static io.sluice.processors.provider.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.AiRequest;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.ProviderCall;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Canonical requests as Messages API bodies, shaped like the examples of Anthropic's API reference. */
class AnthropicRequestsTest {
    private static final String MODEL = "claude-sonnet-4-5";

    private static String json(AiRequest request, boolean stream) {
        var settings = new DeploymentSettings("anthropic-eu", "anthropic", null, "sk-ant-test", "eu", null, null);
        return AnthropicRequests.json(new ProviderCall(request, MODEL, settings), stream, 4096);
    }

    private static AiRequest withParams(Consumer<SamplingParams.Builder> params) {
        var builder = SamplingParams.newBuilder();
        params.accept(builder);
        return request("r1", "Hello, world").setParams(builder.build()).build();
    }

    @Test
    void theSystemPromptIsTopLevelAndMaxTokensFallsBackToTheDeploymentDefault() {
        String body = json(request("r1", "Hello, world").build(), false);

        assertThat(body).isEqualTo("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,"
                + "\"system\":\"You are terse.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello, world\"}],\"stream\":false}");
    }

    @Test
    void samplingParametersUserAndStreamAreMapped() {
        var request = request("r1", "Hello, world")
                .setParams(SamplingParams.newBuilder().setTemperature(0.5).setTopP(0.9).setMaxTokens(1024)
                        .setStop(List.of("\n\nHuman:", "END")).build())
                .setUser("user-42")
                .build();

        String body = json(request, true);

        assertThat(body).isEqualTo("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,"
                + "\"system\":\"You are terse.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello, world\"}],"
                + "\"temperature\":0.5,\"top_p\":0.9,\"stop_sequences\":[\"\\n\\nHuman:\",\"END\"],"
                + "\"metadata\":{\"user_id\":\"user-42\"},\"stream\":true}");
    }

    @Test
    void everySystemAndDeveloperMessageJoinsTheSystemPromptInOrder() {
        var request = request("r1", "ignored").setMessages(List.of(
                message(Role.SYSTEM, "Be terse."),
                message(Role.USER, "Hi"),
                message(Role.DEVELOPER, "Answer in French."),
                message(Role.ASSISTANT, "Bonjour."),
                message(Role.SYSTEM, "Never use emoji."),
                message(Role.USER, "Again"))).build();

        String body = json(request, false);

        assertThat(body).contains("\"system\":\"Be terse.\\n\\nAnswer in French.\\n\\nNever use emoji.\"")
                .contains("\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                        + "{\"role\":\"assistant\",\"content\":\"Bonjour.\"},"
                        + "{\"role\":\"user\",\"content\":\"Again\"}]");
    }

    @Test
    void consecutiveTurnsOfOneRoleAreMergedIntoTextBlocksSoThatRolesAlternate() {
        var request = request("r1", "ignored").setMessages(List.of(
                message(Role.USER, "First question."),
                message(Role.USER, "Second question."),
                message(Role.SYSTEM, "Be brief."),
                message(Role.USER, "Third."),
                message(Role.ASSISTANT, "Answer."))).build();

        String body = json(request, false);

        assertThat(body).contains("\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"First question.\"},"
                + "{\"type\":\"text\",\"text\":\"Second question.\"},"
                + "{\"type\":\"text\",\"text\":\"Third.\"}]},"
                + "{\"role\":\"assistant\",\"content\":\"Answer.\"}]");
    }

    @Test
    void noSystemMessageMeansNoSystemField() {
        var request = request("r1", "x").setMessages(List.of(message(Role.USER, "Hi"))).build();

        assertThat(json(request, false)).doesNotContain("system");
    }

    @Test
    void aToolMessageIsRefusedNamingItsPosition() {
        var request = request("r1", "x").setMessages(List.of(message(Role.USER, "Weather?"),
                message(Role.ASSISTANT, "Let me look."), message(Role.TOOL, "{\"temp\":21}"))).build();

        assertThatThrownBy(() -> json(request, false))
                .isInstanceOfSatisfying(AnthropicRequests.Rejected.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_messages"))
                .hasMessage("messages[2]: the role `tool` is not supported by provider anthropic");
    }

    @Test
    void onlySystemMessagesAreRefused() {
        var request = request("r1", "x").setMessages(List.of(message(Role.SYSTEM, "Be terse."))).build();

        assertThatThrownBy(() -> json(request, false))
                .isInstanceOf(AnthropicRequests.Rejected.class)
                .hasMessageContaining("at least one user or assistant message");
    }

    static Stream<Arguments> unsupported() {
        return Stream.of(
                Arguments.of("n", (Consumer<SamplingParams.Builder>) p -> p.setN(2)),
                Arguments.of("presence_penalty", (Consumer<SamplingParams.Builder>) p -> p.setPresencePenalty(0.5)),
                Arguments.of("frequency_penalty", (Consumer<SamplingParams.Builder>) p -> p.setFrequencyPenalty(-1.0)),
                Arguments.of("seed", (Consumer<SamplingParams.Builder>) p -> p.setSeed(7L)),
                Arguments.of("logit_bias", (Consumer<SamplingParams.Builder>) p -> p.setLogitBias(Map.of("50256", -100))),
                Arguments.of("response_format",
                        (Consumer<SamplingParams.Builder>) p -> p.setResponseFormat("{\"type\":\"json_object\"}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupported")
    void aParameterWithoutAnAnthropicEquivalentIsRefusedByName(String parameter, Consumer<SamplingParams.Builder> params) {
        assertThatThrownBy(() -> json(withParams(params), false))
                .isInstanceOfSatisfying(AnthropicRequests.Rejected.class,
                        e -> assertThat(e.code()).isEqualTo("unsupported_parameter"))
                .hasMessageStartingWith("the parameter `" + parameter + "` is not supported by provider anthropic");
    }

    @Test
    void parametersSetToTheirNoOpValuesAreAccepted() {
        var request = withParams(p -> p.setN(1).setPresencePenalty(0.0).setFrequencyPenalty(0.0)
                .setResponseFormat("{\"type\":\"text\"}"));

        assertThat(json(request, false)).doesNotContain("\"n\"", "penalty", "response_format");
    }
}
