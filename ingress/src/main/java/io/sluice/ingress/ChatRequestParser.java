package io.sluice.ingress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufUtil;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.SamplingParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a {@code POST /v1/chat/completions} body strictly: invalid UTF-8, lone surrogates,
 * duplicate keys, excessive nesting, oversized numbers and names, wrong types, out-of-range values
 * and unknown fields are all 400s
 * naming the offending {@code param}. {@code messages} may be left out when a published
 * {@code prompt} is referenced ({@link PromptRefParser}). Fields that would let a client steer the gateway itself
 * ({@code api_base}, {@code api_key}, ...) are refused explicitly.
 */
final class ChatRequestParser {
    /** Fields of the OpenAI API that Sluice does not implement yet. */
    static final Set<String> UNSUPPORTED = Set.of(
            "tools", "tool_choice", "functions", "function_call", "logprobs", "top_logprobs", "parallel_tool_calls");
    /** Fields some SDKs and proxies accept to redirect or re-authenticate a call: never from a client. */
    static final Set<String> PRIVILEGED = Set.of(
            "api_base", "base_url", "api_key", "api_version", "api_type", "deployment", "deployment_id", "provider",
            "custom_llm_provider", "headers", "extra_headers", "extra_body", "extra_query", "timeout",
            "organization", "project", "region", "azure_endpoint", "azure_deployment");
    static final String PRIVILEGED_CODE = "privileged_parameter";

    private static final int MAX_NUMBER_LENGTH = 64;
    private static final int MAX_NAME_LENGTH = 1_024;
    private static final int MAX_STOP = 4;
    private static final int MAX_METADATA_PAIRS = 16;
    private static final int MAX_METADATA_KEY = 64;
    private static final int MAX_METADATA_VALUE = 512;
    private static final Set<String> RESPONSE_FORMATS = Set.of("text", "json_object", "json_schema");

    private final ObjectMapper mapper;

    ChatRequestParser(int maxJsonDepth, int maxBodyBytes) {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxJsonDepth)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .maxStringLength(maxBodyBytes)
                        .maxDocumentLength(maxBodyBytes)
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    ChatCompletionRequest parse(ByteBuf body) {
        return parse(readTree(body));
    }

    /** Parses a body already read as a tree (by {@link #readTree}), e.g. the {@code body} of a batch file line. */
    ChatCompletionRequest parse(JsonNode root) {
        if (!root.isObject()) {
            throw new ApiException(ApiError.invalidJson("the body must be a JSON object."));
        }
        var draft = new Draft();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            // null means "not set" for ordinary parameters; a privileged one is refused even as null
            if (!field.getValue().isNull() || "model".equals(field.getKey()) || "messages".equals(field.getKey())
                    || PRIVILEGED.contains(field.getKey())) {
                read(draft, field.getKey(), field.getValue());
            }
        }
        return draft.build();
    }

    /** The body as a JSON tree, strictly: well-formed UTF-8, no duplicate names, within the size and depth limits. */
    JsonNode readTree(ByteBuf body) {
        if (!body.isReadable()) {
            throw new ApiException(ApiError.invalidJson("the body is empty."));
        }
        // Jackson decodes overlong forms and encoded surrogates without complaint; RFC 3629 does not allow them
        if (!ByteBufUtil.isText(body, StandardCharsets.UTF_8)) {
            throw new ApiException(ApiError.invalidJson("the body is not well-formed UTF-8."));
        }
        try (var in = new ByteBufInputStream(body.duplicate())) {
            JsonNode root = mapper.readTree(in);
            if (root == null || root.isMissingNode()) {
                throw new ApiException(ApiError.invalidJson("the body is empty."));
            }
            requireWellFormed(root);
            return root;
        } catch (StreamConstraintsException e) {
            throw new ApiException(ApiError.invalidJson(withoutSourceHint(e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            throw new ApiException(ApiError.invalidJson(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Refuses strings and names holding a lone UTF-16 surrogate: JSON lets {@code "\\ud800"} through and
     * Jackson decodes UTF-8-encoded surrogates without complaint, but no UTF-8 text can carry one, so
     * every later stage (Avro, providers) would silently turn it into something else.
     */
    private static void requireWellFormed(JsonNode node) {
        if (node.isTextual()) {
            requireWellFormed(node.textValue());
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                requireWellFormed(field.getKey());
                requireWellFormed(field.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                requireWellFormed(element);
            }
        }
    }

    private static void requireWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ApiException(ApiError.invalidJson("a string holds a lone UTF-16 surrogate."));
            }
        }
    }

    /** Jackson names its own API in limit messages; the client needs only the limit. */
    private static String withoutSourceHint(String message) {
        return message == null ? "a parser limit was exceeded" : message.replaceAll(", from `[^`]*`", "");
    }

    private void read(Draft d, String name, JsonNode value) {
        switch (name) {
            case "model" -> d.model = value.isNull() ? null : JsonValues.string(value, name);
            case "messages" -> d.messages = value.isNull() ? null : MessagesParser.parse(value);
            case "temperature" -> d.params.setTemperature(JsonValues.number(value, name, 0, 2));
            case "top_p" -> d.params.setTopP(JsonValues.number(value, name, 0, 1));
            case "max_tokens" -> d.maxTokens = JsonValues.positiveInt(value, name);
            case "max_completion_tokens" -> d.maxCompletionTokens = JsonValues.positiveInt(value, name);
            case "n" -> d.params.setN(onlyOne(value));
            case "stop" -> d.params.setStop(stop(value));
            case "presence_penalty" -> d.params.setPresencePenalty(JsonValues.number(value, name, -2, 2));
            case "frequency_penalty" -> d.params.setFrequencyPenalty(JsonValues.number(value, name, -2, 2));
            case "seed" -> d.params.setSeed(JsonValues.longValue(value, name));
            case "logit_bias" -> d.params.setLogitBias(logitBias(value));
            case "user" -> d.user = JsonValues.string(value, name);
            case "stream" -> d.stream = JsonValues.bool(value, name);
            case "stream_options" -> d.includeUsage = includeUsage(value);
            case "response_format" -> d.params.setResponseFormat(responseFormat(value));
            case "metadata" -> d.metadata = metadata(value);
            case "store" -> JsonValues.bool(value, name);
            case "prompt" -> d.prompt = PromptRefParser.parse(value);
            default -> refuse(name, value);
        }
    }

    private static void refuse(String name, JsonNode value) {
        if ("logprobs".equals(name) && value.isBoolean() && !value.booleanValue()) {
            return;
        }
        if (UNSUPPORTED.contains(name)) {
            throw new ApiException(ApiError.unsupportedParameter(name));
        }
        if (PRIVILEGED.contains(name)) {
            throw new ApiException(ApiError.invalidRequest(
                    "'" + name + "' cannot be set by a client.", name, PRIVILEGED_CODE));
        }
        throw new ApiException(ApiError.unknownParameter(name));
    }

    private static int onlyOne(JsonNode value) {
        int n = JsonValues.positiveInt(value, "n");
        if (n != 1) {
            throw new ApiException(ApiError.invalidRequest("Only n=1 is supported yet.", "n",
                    ApiError.UNSUPPORTED_PARAMETER));
        }
        return n;
    }

    private static List<String> stop(JsonNode value) {
        if (value.isTextual()) {
            return List.of(value.textValue());
        }
        if (!value.isArray()) {
            throw new ApiException(ApiError.invalidType("stop", "a string or an array of strings"));
        }
        if (value.size() > MAX_STOP) {
            throw new ApiException(ApiError.invalidValue(
                    "Invalid value for 'stop': at most " + MAX_STOP + " sequences.", "stop"));
        }
        List<String> stops = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            stops.add(JsonValues.string(value.get(i), "stop[" + i + "]"));
        }
        return stops;
    }

    /** {@code stream_options}: only {@code include_usage} (a boolean, null meaning false) is known. */
    private static boolean includeUsage(JsonNode value) {
        JsonValues.object(value, "stream_options");
        boolean includeUsage = false;
        for (Map.Entry<String, JsonNode> option : value.properties()) {
            String param = "stream_options." + option.getKey();
            if (!"include_usage".equals(option.getKey())) {
                throw new ApiException(ApiError.unknownParameter(param));
            }
            includeUsage = !option.getValue().isNull() && JsonValues.bool(option.getValue(), param);
        }
        return includeUsage;
    }

    private static Map<String, Integer> logitBias(JsonNode value) {
        JsonValues.object(value, "logit_bias");
        Map<String, Integer> bias = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String param = "logit_bias." + entry.getKey();
            int b = JsonValues.integer(entry.getValue(), param);
            if (b < -100 || b > 100) {
                throw new ApiException(ApiError.invalidValue(
                        "Invalid value for '" + param + "': must be between -100 and 100.", param));
            }
            bias.put(entry.getKey(), b);
        }
        return bias;
    }

    private String responseFormat(JsonNode value) {
        JsonValues.object(value, "response_format");
        JsonNode type = value.get("type");
        if (type == null || type.isNull()) {
            throw MessagesParser.missing("response_format.type");
        }
        String name = JsonValues.string(type, "response_format.type");
        if (!RESPONSE_FORMATS.contains(name)) {
            throw new ApiException(ApiError.invalidValue(
                    "Invalid value for 'response_format.type': must be text, json_object or json_schema.",
                    "response_format.type"));
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot re-serialize a parsed tree", e);
        }
    }

    /** A {@code metadata} object: at most 16 string pairs of bounded size. */
    static Map<String, String> metadata(JsonNode value) {
        JsonValues.object(value, "metadata");
        if (value.size() > MAX_METADATA_PAIRS) {
            throw new ApiException(ApiError.invalidValue(
                    "Invalid value for 'metadata': at most " + MAX_METADATA_PAIRS + " pairs.", "metadata"));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String param = "metadata." + entry.getKey();
            String v = JsonValues.string(entry.getValue(), param);
            if (entry.getKey().length() > MAX_METADATA_KEY || v.length() > MAX_METADATA_VALUE) {
                throw new ApiException(ApiError.invalidValue("Invalid value for 'metadata': keys are at most "
                        + MAX_METADATA_KEY + " characters, values at most " + MAX_METADATA_VALUE + ".", "metadata"));
            }
            metadata.put(entry.getKey(), v);
        }
        return metadata;
    }

    /** The fields read so far; {@link #build()} checks what needs the whole body. */
    private static final class Draft {
        String model;
        List<ChatMessage> messages;
        final SamplingParams.Builder params = SamplingParams.newBuilder();
        Integer maxTokens;
        Integer maxCompletionTokens;
        String user;
        boolean stream;
        /** Null when the body has no {@code stream_options}. */
        Boolean includeUsage;
        Map<String, String> metadata = Map.of();
        io.sluice.avro.PromptRef prompt;

        ChatCompletionRequest build() {
            if (model == null || model.isBlank()) {
                throw new ApiException(ApiError.invalidRequest(
                        "You must provide a model parameter.", "model", "missing_required_parameter"));
            }
            if (messages == null && prompt == null) {
                throw MessagesParser.missing("messages");
            }
            if (maxTokens != null && maxCompletionTokens != null && !maxTokens.equals(maxCompletionTokens)) {
                throw new ApiException(ApiError.invalidValue(
                        "Set either 'max_tokens' or 'max_completion_tokens', not both.", "max_tokens"));
            }
            params.setMaxTokens(maxCompletionTokens != null ? maxCompletionTokens : maxTokens);
            if (includeUsage != null && !stream) {
                throw new ApiException(ApiError.invalidValue(
                        "The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options"));
            }
            return new ChatCompletionRequest(model, messages == null ? List.of() : messages, params.build(), user,
                    metadata, stream, Boolean.TRUE.equals(includeUsage), prompt);
        }
    }
}
