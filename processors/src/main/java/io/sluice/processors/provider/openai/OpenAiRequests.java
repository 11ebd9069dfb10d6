package io.sluice.processors.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.avro.AiRequest;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.SamplingParams;
import io.sluice.processors.provider.ProviderCall;
import java.util.Locale;

/** Builds the body of {@code POST /chat/completions} from a canonical call; a pure function. */
final class OpenAiRequests {

    private OpenAiRequests() {}

    /** The body of a call answered in one piece: see {@link #json(ProviderCall, boolean)}. */
    static String json(ProviderCall call) {
        return json(call, false);
    }

    /**
     * The request body as compact JSON: {@code model} (the upstream model), {@code messages} with
     * lowercase roles, only the sampling parameters that are set, {@code user}, and {@code stream}.
     * A streamed call always asks for usage ({@code "stream_options": {"include_usage": true}}), so
     * that the cost is exact whatever the requester asked for.
     *
     * @throws IllegalArgumentException if {@code response_format} is not valid JSON
     */
    static String json(ProviderCall call, boolean stream) {
        return json(call, stream, true);
    }

    /** As {@link #json(ProviderCall, boolean)}, without {@code model} when {@code withModel} is false (the URL names it). */
    static String json(ProviderCall call, boolean stream, boolean withModel) {
        AiRequest request = call.request();
        ObjectNode body = OpenAiJson.MAPPER.createObjectNode();
        if (withModel) {
            body.put("model", call.upstreamModel());
        }
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.getMessages()) {
            ObjectNode node = messages.addObject();
            node.put("role", message.getRole().name().toLowerCase(Locale.ROOT));
            node.put("content", message.getContent());
            if (message.getName() != null) {
                node.put("name", message.getName());
            }
        }
        sampling(body, request.getParams());
        if (request.getUser() != null) {
            body.put("user", request.getUser());
        }
        body.put("stream", stream);
        if (stream) {
            body.putObject("stream_options").put("include_usage", true);
        }
        try {
            return OpenAiJson.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static void sampling(ObjectNode body, SamplingParams params) {
        if (params.getTemperature() != null) {
            body.put("temperature", params.getTemperature());
        }
        if (params.getTopP() != null) {
            body.put("top_p", params.getTopP());
        }
        if (params.getMaxTokens() != null) {
            body.put("max_tokens", params.getMaxTokens());
        }
        if (params.getN() != null) {
            body.put("n", params.getN());
        }
        if (!params.getStop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            params.getStop().forEach(stop::add);
        }
        if (params.getPresencePenalty() != null) {
            body.put("presence_penalty", params.getPresencePenalty());
        }
        if (params.getFrequencyPenalty() != null) {
            body.put("frequency_penalty", params.getFrequencyPenalty());
        }
        if (params.getSeed() != null) {
            body.put("seed", params.getSeed());
        }
        if (!params.getLogitBias().isEmpty()) {
            ObjectNode bias = body.putObject("logit_bias");
            params.getLogitBias().forEach(bias::put);
        }
        if (params.getResponseFormat() != null) {
            body.set("response_format", responseFormat(params.getResponseFormat()));
        }
    }

    private static JsonNode responseFormat(String json) {
        try {
            JsonNode node = OpenAiJson.MAPPER.readTree(json);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // reported below without echoing the text
        }
        throw new IllegalArgumentException("response_format is not a JSON object");
    }
}
