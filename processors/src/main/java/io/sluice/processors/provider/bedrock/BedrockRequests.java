package io.sluice.processors.provider.bedrock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.SamplingParams;
import io.sluice.processors.provider.ProviderCall;
import java.nio.charset.StandardCharsets;

/**
 * Builds the body of Bedrock's {@code Converse} and {@code ConverseStream} (the two take the same
 * body) from a canonical call; a pure function.
 */
final class BedrockRequests {

    private BedrockRequests() {}

    /**
     * The request body as compact JSON: system and developer messages become the {@code system}
     * text blocks, in order; user and assistant messages become {@code messages}, consecutive
     * messages of one role merged into one message with a text block each (Converse wants the roles
     * to alternate); the sampling parameters that are set go into {@code inferenceConfig}. The model
     * travels in the URL, not the body.
     *
     * @throws IllegalArgumentException naming the parameter or role Converse cannot take:
     *                                  {@code n} above 1, {@code presence_penalty},
     *                                  {@code frequency_penalty}, {@code seed}, {@code logit_bias},
     *                                  {@code response_format}, or a {@code tool} message
     */
    static byte[] json(ProviderCall call) {
        ObjectNode body = BedrockJson.MAPPER.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        ArrayNode system = null;
        String lastRole = null;
        ArrayNode lastContent = null;
        for (ChatMessage message : call.request().getMessages()) {
            String role = switch (message.getRole()) {
                case SYSTEM, DEVELOPER -> null;
                case USER -> "user";
                case ASSISTANT -> "assistant";
                case TOOL -> throw new IllegalArgumentException(
                        "messages with role 'tool' are not supported by provider bedrock");
            };
            if (role == null) {
                if (system == null) {
                    system = BedrockJson.MAPPER.createArrayNode();
                }
                system.addObject().put("text", message.getContent());
                continue;
            }
            if (!role.equals(lastRole)) {
                ObjectNode node = messages.addObject();
                node.put("role", role);
                lastContent = node.putArray("content");
                lastRole = role;
            }
            lastContent.addObject().put("text", message.getContent());
        }
        if (system != null) {
            body.set("system", system);
        }
        ObjectNode inference = inferenceConfig(call.request().getParams());
        if (!inference.isEmpty()) {
            body.set("inferenceConfig", inference);
        }
        try {
            return BedrockJson.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static ObjectNode inferenceConfig(SamplingParams params) {
        unsupported(params.getN() != null && params.getN() > 1, "n");
        unsupported(params.getPresencePenalty() != null, "presence_penalty");
        unsupported(params.getFrequencyPenalty() != null, "frequency_penalty");
        unsupported(params.getSeed() != null, "seed");
        unsupported(!params.getLogitBias().isEmpty(), "logit_bias");
        unsupported(params.getResponseFormat() != null, "response_format");
        ObjectNode inference = BedrockJson.MAPPER.createObjectNode();
        if (params.getMaxTokens() != null) {
            inference.put("maxTokens", params.getMaxTokens());
        }
        if (params.getTemperature() != null) {
            inference.put("temperature", params.getTemperature());
        }
        if (params.getTopP() != null) {
            inference.put("topP", params.getTopP());
        }
        if (!params.getStop().isEmpty()) {
            ArrayNode stop = inference.putArray("stopSequences");
            params.getStop().forEach(stop::add);
        }
        return inference;
    }

    private static void unsupported(boolean set, String parameter) {
        if (set) {
            throw new IllegalArgumentException("parameter '" + parameter + "' is not supported by provider bedrock");
        }
    }
}
