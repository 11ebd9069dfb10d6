package io.sluice.processors.provider.oci;

import static io.sluice.processors.provider.TestRequests.message;
import static io.sluice.processors.provider.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.TestRequests;
import io.sluice.processors.provider.oci.OciRequests.ApiFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ChatDetails as OCI's Generative AI inference API reference (20231130) spells it. */
class OciRequestsTest {
    private static final String COMPARTMENT = "ocid1.compartment.oc1..aaaacompartment";
    private static final SamplingParams PARAMS = SamplingParams.newBuilder()
            .setMaxTokens(64).setTemperature(0.5).setTopP(0.9).setStop(List.of("END")).build();

    private static ProviderCall conversation(SamplingParams params) {
        var request = request("r1", "ignored").setMessages(List.of(
                message(Role.SYSTEM, "You are terse."),
                message(Role.USER, "Hi"),
                message(Role.ASSISTANT, "Hello."),
                message(Role.USER, "Say hello"))).setParams(params).build();
        return new ProviderCall(request, "meta.llama-3.3-70b-instruct", TestRequests.deployment("oci", "oci-genai"));
    }

    @Test
    void genericFormatSendsEveryMessageAsTextContent() {
        String json = OciRequests.json(conversation(PARAMS), COMPARTMENT, ApiFormat.GENERIC, false);

        assertThat(json).isEqualTo("{\"compartmentId\":\"" + COMPARTMENT + "\","
                + "\"servingMode\":{\"servingType\":\"ON_DEMAND\",\"modelId\":\"meta.llama-3.3-70b-instruct\"},"
                + "\"chatRequest\":{\"apiFormat\":\"GENERIC\",\"messages\":["
                + "{\"role\":\"SYSTEM\",\"content\":[{\"type\":\"TEXT\",\"text\":\"You are terse.\"}]},"
                + "{\"role\":\"USER\",\"content\":[{\"type\":\"TEXT\",\"text\":\"Hi\"}]},"
                + "{\"role\":\"ASSISTANT\",\"content\":[{\"type\":\"TEXT\",\"text\":\"Hello.\"}]},"
                + "{\"role\":\"USER\",\"content\":[{\"type\":\"TEXT\",\"text\":\"Say hello\"}]}],"
                + "\"maxTokens\":64,\"temperature\":0.5,\"topP\":0.9,\"stop\":[\"END\"],\"isStream\":false}}");
    }

    @Test
    void cohereFormatSendsTheLastUserMessageWithHistoryAndPreamble() {
        String json = OciRequests.json(conversation(PARAMS), COMPARTMENT, ApiFormat.COHERE, false);

        assertThat(json).isEqualTo("{\"compartmentId\":\"" + COMPARTMENT + "\","
                + "\"servingMode\":{\"servingType\":\"ON_DEMAND\",\"modelId\":\"meta.llama-3.3-70b-instruct\"},"
                + "\"chatRequest\":{\"apiFormat\":\"COHERE\",\"message\":\"Say hello\",\"chatHistory\":["
                + "{\"role\":\"USER\",\"message\":\"Hi\"},{\"role\":\"CHATBOT\",\"message\":\"Hello.\"}],"
                + "\"preambleOverride\":\"You are terse.\","
                + "\"maxTokens\":64,\"temperature\":0.5,\"topP\":0.9,\"stopSequences\":[\"END\"],\"isStream\":false}}");
    }

    @Test
    void aStreamedCallAsksForAStreamWithUsage() {
        var params = SamplingParams.newBuilder().build();

        assertThat(OciRequests.json(conversation(params), COMPARTMENT, ApiFormat.GENERIC, true))
                .endsWith("\"isStream\":true,\"streamOptions\":{\"isIncludeUsage\":true}}}");
        assertThat(OciRequests.json(conversation(params), COMPARTMENT, ApiFormat.COHERE, true))
                .endsWith("\"isStream\":true,\"streamOptions\":{\"isIncludeUsage\":true}}}");
    }

    @Test
    void penaltiesSeedAndGenerationsAreSentWhereTheFormatHasThem() {
        var params = SamplingParams.newBuilder().setFrequencyPenalty(0.1).setPresencePenalty(0.2).setSeed(7L).setN(2).build();

        assertThat(OciRequests.json(conversation(params), COMPARTMENT, ApiFormat.GENERIC, false))
                .contains("\"frequencyPenalty\":0.1,\"presencePenalty\":0.2,\"seed\":7,\"numGenerations\":2,");
        assertThatThrownBy(() -> OciRequests.json(conversation(params), COMPARTMENT, ApiFormat.COHERE, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n > 1");
    }

    @Test
    void whatAFormatCannotSayIsRefused() {
        var tool = new ProviderCall(request("r1", "x").setMessages(List.of(message(Role.USER, "Hi"), message(Role.TOOL, "42")))
                .build(), "m", TestRequests.deployment("oci", "oci-genai"));
        var endsWithAssistant = new ProviderCall(request("r1", "x").setMessages(List.of(message(Role.USER, "Hi"),
                message(Role.ASSISTANT, "Hel"))).build(), "m", TestRequests.deployment("oci", "oci-genai"));

        assertThatThrownBy(() -> OciRequests.json(tool, COMPARTMENT, ApiFormat.GENERIC, false))
                .hasMessage("tool messages are not supported by oci-genai");
        assertThatThrownBy(() -> OciRequests.json(endsWithAssistant, COMPARTMENT, ApiFormat.COHERE, false))
                .hasMessageContaining("end with a user message");
    }

    @Test
    void theApiFormatOptionIsGenericByDefault() {
        assertThat(ApiFormat.parse(null)).isEqualTo(ApiFormat.GENERIC);
        assertThat(ApiFormat.parse(" Cohere ")).isEqualTo(ApiFormat.COHERE);
        assertThat(ApiFormat.parse("openai")).isNull();
    }
}
