package io.sluice.processors.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.avro.AiRequest;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import io.sluice.processors.provider.ProviderCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the body of {@code POST /v1/messages} from a canonical call; a pure function. What the
 * Messages API cannot express is refused with a {@link Rejected} naming it, never dropped silently.
 */
final class AnthropicRequests {

    private AnthropicRequests() {}

    /** The canonical request asks for something Anthropic cannot do; the message names it. */
    static final class Rejected extends IllegalArgumentException {
        private final String code;

        Rejected(String code, String message) {
            super(message);
            this.code = code;
        }

        /** {@code unsupported_parameter} or {@code invalid_messages}. */
        String code() {
            return code;
        }
    }

    /**
     * The request body as compact JSON: {@code model} (the upstream model), {@code max_tokens} (the
     * request's, else {@code defaultMaxTokens}), {@code system} (every system and developer message,
     * in order, joined by a blank line), {@code messages} (user and assistant turns, consecutive turns
     * of one role merged into one turn of text blocks), the sampling parameters that are set
     * ({@code temperature}, {@code top_p}, {@code stop_sequences}), {@code metadata.user_id} and
     * {@code stream}. Message names have no place in the Messages API and are left out.
     *
     * @throws Rejected if a message has the tool role, there is no user or assistant turn, or a
     *                  sampling parameter has no Anthropic equivalent ({@code n} above 1, non-zero
     *                  penalties, {@code seed}, {@code logit_bias}, a {@code response_format} other
     *                  than text)
     */
    static String json(ProviderCall call, boolean stream, int defaultMaxTokens) {
        AiRequest request = call.request();
        SamplingParams params = request.getParams();
        refuseUnsupported(params);
        ObjectNode body = AnthropicJson.MAPPER.createObjectNode();
        body.put("model", call.upstreamModel());
        body.put("max_tokens", params.getMaxTokens() != null ? params.getMaxTokens() : defaultMaxTokens);
        var system = new ArrayList<String>();
        var turns = new ArrayList<Turn>();
        List<ChatMessage> messages = request.getMessages();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            switch (message.getRole()) {
                case SYSTEM, DEVELOPER -> system.add(message.getContent());
                case USER, ASSISTANT -> {
                    Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
                    if (last != null && last.role == message.getRole()) {
                        last.texts.add(message.getContent());
                    } else {
                        turns.add(new Turn(message.getRole(), message.getContent()));
                    }
                }
                default -> throw new Rejected("invalid_messages", "messages[" + i + "]: the role `"
                        + message.getRole().name().toLowerCase(Locale.ROOT)
                        + "` is not supported by provider anthropic");
            }
        }
        if (turns.isEmpty()) {
            throw new Rejected("invalid_messages",
                    "messages: provider anthropic needs at least one user or assistant message");
        }
        if (!system.isEmpty()) {
            body.put("system", String.join("\n\n", system));
        }
        ArrayNode wire = body.putArray("messages");
        turns.forEach(turn -> turn.write(wire.addObject()));
        if (params.getTemperature() != null) {
            body.put("temperature", params.getTemperature());
        }
        if (params.getTopP() != null) {
            body.put("top_p", params.getTopP());
        }
        if (!params.getStop().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            params.getStop().forEach(stop::add);
        }
        if (request.getUser() != null) {
            body.putObject("metadata").put("user_id", request.getUser());
        }
        body.put("stream", stream);
        try {
            return AnthropicJson.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static void refuseUnsupported(SamplingParams params) {
        if (params.getN() != null && params.getN() != 1) {
            throw unsupported("n", "only one choice (n=1) is supported");
        }
        if (params.getPresencePenalty() != null && params.getPresencePenalty() != 0.0) {
            throw unsupported("presence_penalty", null);
        }
        if (params.getFrequencyPenalty() != null && params.getFrequencyPenalty() != 0.0) {
            throw unsupported("frequency_penalty", null);
        }
        if (params.getSeed() != null) {
            throw unsupported("seed", null);
        }
        if (!params.getLogitBias().isEmpty()) {
            throw unsupported("logit_bias", null);
        }
        if (params.getResponseFormat() != null && !isPlainText(params.getResponseFormat())) {
            throw unsupported("response_format", "only {\"type\":\"text\"} is supported");
        }
    }

    private static boolean isPlainText(String responseFormat) {
        try {
            JsonNode node = AnthropicJson.MAPPER.readTree(responseFormat);
            return node != null && node.isObject() && node.size() == 1
                    && "text".equals(AnthropicJson.text(node, "type", null));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static Rejected unsupported(String parameter, String detail) {
        return new Rejected("unsupported_parameter", "the parameter `" + parameter
                + "` is not supported by provider anthropic" + (detail == null ? "" : ": " + detail));
    }

    /** One wire turn: a role and the texts of the canonical messages merged into it. */
    private static final class Turn {
        final Role role;
        final List<String> texts = new ArrayList<>();

        Turn(Role role, String text) {
            this.role = role;
            texts.add(text);
        }

        void write(ObjectNode node) {
            node.put("role", role.name().toLowerCase(Locale.ROOT));
            if (texts.size() == 1) {
                node.put("content", texts.get(0));
                return;
            }
            ArrayNode blocks = node.putArray("content");
            texts.forEach(text -> blocks.addObject().put("type", "text").put("text", text));
        }
    }
}
