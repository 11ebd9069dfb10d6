package io.sluice.processors.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Choice;
import io.sluice.avro.Role;
import io.sluice.avro.Usage;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderHttp;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.schemas.ErrorTypes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Turns what an OpenAI-compatible server answered into a {@link ProviderResult}; pure functions
 * that never throw. Error bodies are summarised (one short line, secrets masked), never echoed.
 */
final class OpenAiResponses {
    /** The error code of a content filter's refusal, as Azure OpenAI sends it. */
    static final String CONTENT_FILTER = "content_filter";

    private OpenAiResponses() {}

    /** The result of an HTTP exchange that produced a response; errors name {@code provider}. */
    static ProviderResult parse(String provider, int status, byte[] body, HttpHeaders headers, ProviderCall call,
            Instant now) {
        if (status >= 200 && status < 300) {
            return completion(provider, body, call.upstreamModel());
        }
        if (status >= 300 && status < 400) {
            return ProviderHttp.redirect(provider, status);
        }
        int errorStatus = status >= 400 && status <= 599 ? status : 502;
        return error(provider, errorStatus, body, ProviderHttp.retryAfter(headers, now), call.deployment().apiKey());
    }

    static ProviderResult completion(String provider, byte[] body, String fallbackModel) {
        try {
            JsonNode root = OpenAiJson.MAPPER.readTree(body);
            JsonNode choices = root == null ? null : root.get("choices");
            if (choices == null || !choices.isArray()) {
                return malformed(provider, "has no choices");
            }
            var parsed = new ArrayList<Choice>(choices.size());
            for (JsonNode choice : choices) {
                parsed.add(choice(choice, parsed.size()));
            }
            return new Completion(nonBlank(root, "model", fallbackModel), nonBlank(root, "id", null), parsed,
                    usage(root.get("usage")));
        } catch (IOException | RuntimeException e) {
            return malformed(provider, "is not a chat completion (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * An error answer in OpenAI's shape ({@code {"error": {"message", "type", "code"}}}). A content
     * filter's refusal (code {@value #CONTENT_FILTER}) is the request's fault whatever type it
     * names: {@code invalid_request_error}, code {@value #CONTENT_FILTER}.
     */
    static ProviderError error(String provider, int status, byte[] body, Duration retryAfter, String secret) {
        String detail = null;
        String type = null;
        String code = null;
        try {
            JsonNode root = OpenAiJson.MAPPER.readTree(body);
            JsonNode error = root == null ? null : root.get("error");
            if (error != null && error.isObject()) {
                detail = text(error, "message", null);
                type = text(error, "type", null);
                code = text(error, "code", null);
            } else if (error != null && error.isTextual()) {
                detail = error.asText();
            } else if (root != null && root.isObject()) {
                detail = text(root, "message", null);
            }
        } catch (IOException | RuntimeException e) {
            // not JSON (an HTML error page, say): say only the status
        }
        String message = "upstream returned HTTP " + status;
        if (detail != null && !detail.isBlank()) {
            message += ": " + ProviderHttp.summarise(detail, secret);
        }
        if (CONTENT_FILTER.equals(code) && status < 500) {
            type = ErrorTypes.INVALID_REQUEST;
        }
        return ProviderError.forStatus(provider, status, type == null ? null : ProviderHttp.summarise(type, secret),
                code == null ? null : ProviderHttp.summarise(code, secret), message, retryAfter);
    }

    private static Choice choice(JsonNode node, int position) {
        JsonNode message = node.path("message");
        String content = text(message, "content", null);
        if (content == null) {
            content = text(message, "refusal", "");
        }
        var chat = ChatMessage.newBuilder()
                .setRole(role(text(message, "role", "assistant")))
                .setContent(content)
                .setName(text(message, "name", null))
                .build();
        return Choice.newBuilder()
                .setIndex(node.path("index").canConvertToInt() ? node.path("index").asInt() : position)
                .setMessage(chat)
                .setFinishReason(text(node, "finish_reason", null))
                .build();
    }

    static Usage usage(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        int prompt = node.path("prompt_tokens").asInt(0);
        int completion = node.path("completion_tokens").asInt(0);
        return Usage.newBuilder()
                .setPromptTokens(prompt)
                .setCompletionTokens(completion)
                .setTotalTokens(node.path("total_tokens").asInt(prompt + completion))
                .setCachedPromptTokens(node.path("prompt_tokens_details").path("cached_tokens").asInt(0))
                .build();
    }

    static Role role(String role) {
        try {
            return Role.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Role.ASSISTANT;
        }
    }

    static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? fallback : value.asText();
    }

    /** As {@link #text}, with an empty or blank value (Azure's content-filter chunks say {@code "model": ""}) as absent. */
    static String nonBlank(JsonNode node, String field, String fallback) {
        String value = text(node, field, null);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static ProviderError malformed(String provider, String what) {
        return new ProviderError(provider, 502, ErrorTypes.UPSTREAM_ERROR, null,
                "the provider's answer " + what, true, null);
    }
}
