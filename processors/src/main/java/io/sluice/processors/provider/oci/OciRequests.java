package io.sluice.processors.provider.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import io.sluice.processors.provider.ProviderCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the body of {@code POST /20231130/actions/chat} (OCI's {@code ChatDetails}) from a
 * canonical call; pure functions. The upstream model is the on-demand {@code modelId}.
 *
 * <p>{@link ApiFormat#GENERIC} sends every message as {@code {role, content: [{type: TEXT, text}]}}
 * with roles {@code SYSTEM} (also for developer messages), {@code USER} and {@code ASSISTANT}.
 * {@link ApiFormat#COHERE} sends the last message, which must be the user's, as {@code message},
 * the earlier ones as {@code chatHistory} ({@code USER} / {@code CHATBOT}) and the system and
 * developer messages, joined, as {@code preambleOverride}. Tool messages have no canonical tool
 * call id to send and are refused; so is {@code n > 1} in the Cohere format, which has no such
 * parameter. {@code logit_bias}, {@code response_format} and {@code user} are not sent.
 */
final class OciRequests {

    /** The shape of {@code chatRequest}, chosen by {@code options.api-format}. */
    enum ApiFormat {
        GENERIC, COHERE;

        /** {@code generic} (the default when null) or {@code cohere}, any case; else null. */
        static ApiFormat parse(String option) {
            if (option == null) {
                return GENERIC;
            }
            try {
                return valueOf(option.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    private OciRequests() {}

    /**
     * The request body as compact JSON. A streamed call sets {@code isStream} and asks for usage
     * ({@code streamOptions.isIncludeUsage}).
     *
     * @throws IllegalArgumentException if the conversation cannot be said in {@code format}
     */
    static String json(ProviderCall call, String compartmentId, ApiFormat format, boolean stream) {
        ObjectNode body = OciJson.MAPPER.createObjectNode();
        body.put("compartmentId", compartmentId);
        ObjectNode servingMode = body.putObject("servingMode");
        servingMode.put("servingType", "ON_DEMAND");
        servingMode.put("modelId", call.upstreamModel());
        ObjectNode chat = body.putObject("chatRequest");
        List<ChatMessage> messages = call.request().getMessages();
        SamplingParams params = call.request().getParams();
        if (format == ApiFormat.COHERE) {
            cohere(chat, messages, params);
        } else {
            generic(chat, messages, params);
        }
        chat.put("isStream", stream);
        if (stream) {
            chat.putObject("streamOptions").put("isIncludeUsage", true);
        }
        try {
            return OciJson.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static void generic(ObjectNode chat, List<ChatMessage> messages, SamplingParams params) {
        chat.put("apiFormat", "GENERIC");
        ArrayNode list = chat.putArray("messages");
        for (ChatMessage message : messages) {
            ObjectNode node = list.addObject();
            node.put("role", switch (message.getRole()) {
                case SYSTEM, DEVELOPER -> "SYSTEM";
                case USER -> "USER";
                case ASSISTANT -> "ASSISTANT";
                case TOOL -> throw toolMessage();
            });
            ObjectNode text = node.putArray("content").addObject();
            text.put("type", "TEXT");
            text.put("text", message.getContent());
        }
        common(chat, params);
        if (!params.getStop().isEmpty()) {
            ArrayNode stop = chat.putArray("stop");
            params.getStop().forEach(stop::add);
        }
        if (params.getN() != null) {
            chat.put("numGenerations", params.getN());
        }
    }

    private static void cohere(ObjectNode chat, List<ChatMessage> messages, SamplingParams params) {
        if (params.getN() != null && params.getN() > 1) {
            throw new IllegalArgumentException("n > 1 is not supported by the cohere format of oci-genai");
        }
        chat.put("apiFormat", "COHERE");
        var preamble = new ArrayList<String>();
        var history = new ArrayList<ChatMessage>();
        for (ChatMessage message : messages) {
            switch (message.getRole()) {
                case SYSTEM, DEVELOPER -> preamble.add(message.getContent());
                case USER, ASSISTANT -> history.add(message);
                case TOOL -> throw toolMessage();
            }
        }
        if (history.isEmpty() || history.get(history.size() - 1).getRole() != Role.USER) {
            throw new IllegalArgumentException("the cohere format of oci-genai needs the conversation to end with a user message");
        }
        chat.put("message", history.remove(history.size() - 1).getContent());
        if (!history.isEmpty()) {
            ArrayNode list = chat.putArray("chatHistory");
            for (ChatMessage message : history) {
                ObjectNode node = list.addObject();
                node.put("role", message.getRole() == Role.USER ? "USER" : "CHATBOT");
                node.put("message", message.getContent());
            }
        }
        if (!preamble.isEmpty()) {
            chat.put("preambleOverride", String.join("\n\n", preamble));
        }
        common(chat, params);
        if (!params.getStop().isEmpty()) {
            ArrayNode stop = chat.putArray("stopSequences");
            params.getStop().forEach(stop::add);
        }
    }

    private static void common(ObjectNode chat, SamplingParams params) {
        if (params.getMaxTokens() != null) {
            chat.put("maxTokens", params.getMaxTokens());
        }
        if (params.getTemperature() != null) {
            chat.put("temperature", params.getTemperature());
        }
        if (params.getTopP() != null) {
            chat.put("topP", params.getTopP());
        }
        if (params.getFrequencyPenalty() != null) {
            chat.put("frequencyPenalty", params.getFrequencyPenalty());
        }
        if (params.getPresencePenalty() != null) {
            chat.put("presencePenalty", params.getPresencePenalty());
        }
        if (params.getSeed() != null) {
            chat.put("seed", params.getSeed());
        }
    }

    private static IllegalArgumentException toolMessage() {
        return new IllegalArgumentException("tool messages are not supported by oci-genai");
    }
}
