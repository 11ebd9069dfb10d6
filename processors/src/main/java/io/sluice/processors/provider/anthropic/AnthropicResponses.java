package io.sluice.processors.provider.anthropic;

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
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns what the Messages API answered into a {@link ProviderResult}; pure functions that never
 * throw. Error bodies are summarised (one short line, secrets masked), never echoed.
 */
final class AnthropicResponses {
    private static final String PROVIDER = AnthropicProviderFactory.TYPE;

    /** Anthropic's error types in Sluice's vocabulary; the Anthropic type is kept as the error code. */
    private static final Map<String, String> ERROR_TYPES = Map.of(
            "invalid_request_error", ErrorTypes.INVALID_REQUEST,
            "request_too_large", ErrorTypes.INVALID_REQUEST,
            "authentication_error", ErrorTypes.AUTHENTICATION,
            "permission_error", ErrorTypes.PERMISSION_DENIED,
            "not_found_error", ErrorTypes.NOT_FOUND,
            "rate_limit_error", ErrorTypes.RATE_LIMIT_EXCEEDED,
            "api_error", ErrorTypes.SERVER_ERROR,
            "overloaded_error", ErrorTypes.SERVER_ERROR,
            "timeout_error", ErrorTypes.TIMEOUT);

    /** The HTTP status Anthropic documents for each error type, for errors that arrive inside a stream. */
    private static final Map<String, Integer> ERROR_STATUSES = Map.of(
            "invalid_request_error", 400,
            "authentication_error", 401,
            "permission_error", 403,
            "not_found_error", 404,
            "request_too_large", 413,
            "rate_limit_error", 429,
            "api_error", 500,
            "timeout_error", 504,
            "overloaded_error", 529);

    private AnthropicResponses() {}

    /** The result of an HTTP exchange that produced a response. */
    static ProviderResult parse(int status, byte[] body, HttpHeaders headers, ProviderCall call, Instant now) {
        if (status >= 200 && status < 300) {
            return completion(body, call.upstreamModel());
        }
        if (status >= 300 && status < 400) {
            return ProviderHttp.redirect(PROVIDER, status);
        }
        int errorStatus = status >= 400 && status <= 599 ? status : 502;
        return error(errorStatus, body, ProviderHttp.retryAfter(headers, now), call.deployment().apiKey());
    }

    /** A whole message: its text blocks joined, its stop reason as a finish reason, its usage. */
    static ProviderResult completion(byte[] body, String fallbackModel) {
        try {
            JsonNode root = AnthropicJson.MAPPER.readTree(body);
            JsonNode content = root == null ? null : root.get("content");
            if (content == null || !content.isArray()) {
                return malformed("has no content");
            }
            var text = new StringBuilder();
            for (JsonNode block : content) {
                if ("text".equals(AnthropicJson.text(block, "type", null))) {
                    text.append(AnthropicJson.text(block, "text", ""));
                }
            }
            Choice choice = choice(text.toString(), finishReason(AnthropicJson.text(root, "stop_reason", null)));
            return new Completion(AnthropicJson.text(root, "model", fallbackModel), AnthropicJson.text(root, "id", null),
                    List.of(choice), usage(root.get("usage")));
        } catch (IOException | RuntimeException e) {
            return malformed("is not a message (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** An error answer: {@code {"type":"error","error":{"type":...,"message":...}}} or anything else. */
    static ProviderError error(int status, byte[] body, Duration retryAfter, String secret) {
        JsonNode error = null;
        try {
            JsonNode root = AnthropicJson.MAPPER.readTree(body);
            error = root == null ? null : root.get("error");
        } catch (IOException | RuntimeException e) {
            // not JSON (an HTML error page, say): say only the status
        }
        String anthropicType = error != null && error.isObject() ? AnthropicJson.text(error, "type", null) : null;
        String detail = error != null && error.isObject() ? AnthropicJson.text(error, "message", null) : null;
        String message = "upstream returned HTTP " + status;
        if (detail != null && !detail.isBlank()) {
            message += ": " + ProviderHttp.summarise(detail, secret);
        }
        return ProviderError.forStatus(PROVIDER, status, sluiceType(anthropicType),
                anthropicType == null ? null : ProviderHttp.summarise(anthropicType, secret), message, retryAfter);
    }

    /**
     * An {@code error} event inside a stream that began with HTTP 200: classified by the status
     * Anthropic documents for its type (an overload is a retryable 529), else a retryable 502.
     */
    static ProviderError streamError(JsonNode error, String secret) {
        String anthropicType = error != null && error.isObject() ? AnthropicJson.text(error, "type", null) : null;
        String detail = error != null && error.isObject() ? AnthropicJson.text(error, "message", null) : null;
        String message = "the provider reported an error mid-stream"
                + (anthropicType == null ? "" : " (" + ProviderHttp.summarise(anthropicType, secret) + ")")
                + (detail == null || detail.isBlank() ? "" : ": " + ProviderHttp.summarise(detail, secret));
        Integer status = anthropicType == null ? null : ERROR_STATUSES.get(anthropicType);
        if (status == null) {
            return new ProviderError(PROVIDER, 502, ErrorTypes.UPSTREAM_ERROR,
                    anthropicType == null ? null : ProviderHttp.summarise(anthropicType, secret), message, true, null);
        }
        return ProviderError.forStatus(PROVIDER, status, sluiceType(anthropicType), anthropicType, message, null);
    }

    /** The Sluice error type of an Anthropic one, or null (then the status decides) when unknown or absent. */
    private static String sluiceType(String anthropicType) {
        return anthropicType == null ? null : ERROR_TYPES.get(anthropicType);
    }

    /** Anthropic's {@code stop_reason} as an OpenAI {@code finish_reason}; unknown reasons pass as they are. */
    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> "stop";
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> stopReason;
        };
    }

    /** The usage a whole message reports, or null if it reports none. */
    static Usage usage(JsonNode node) {
        var tokens = new Tokens();
        tokens.take(node);
        return tokens.usage();
    }

    /**
     * Token counts as Anthropic reports them, field by field: a stream reports the input in
     * {@code message_start} and the (cumulative) output in {@code message_delta}, and a later value
     * replaces an earlier one. Not thread-safe.
     */
    static final class Tokens {
        private Integer input;
        private Integer cacheCreation;
        private Integer cacheRead;
        private Integer output;

        void take(JsonNode usage) {
            if (usage == null || !usage.isObject()) {
                return;
            }
            input = count(usage, "input_tokens", input);
            cacheCreation = count(usage, "cache_creation_input_tokens", cacheCreation);
            cacheRead = count(usage, "cache_read_input_tokens", cacheRead);
            output = count(usage, "output_tokens", output);
        }

        /**
         * Usage with cache writes and cache reads counted into the prompt tokens (Anthropic counts
         * them apart from {@code input_tokens}), the reads also as cached prompt tokens; null if
         * nothing was reported.
         */
        Usage usage() {
            if (input == null && cacheCreation == null && cacheRead == null && output == null) {
                return null;
            }
            int read = orZero(cacheRead);
            int prompt = orZero(input) + orZero(cacheCreation) + read;
            int completion = orZero(output);
            return Usage.newBuilder()
                    .setPromptTokens(prompt)
                    .setCompletionTokens(completion)
                    .setTotalTokens(prompt + completion)
                    .setCachedPromptTokens(read)
                    .build();
        }

        private static Integer count(JsonNode usage, String field, Integer earlier) {
            JsonNode value = usage.get(field);
            return value != null && value.canConvertToInt() ? Integer.valueOf(value.asInt()) : earlier;
        }

        private static int orZero(Integer value) {
            return value == null ? 0 : value;
        }
    }

    static Choice choice(String text, String finishReason) {
        return Choice.newBuilder()
                .setIndex(0)
                .setMessage(ChatMessage.newBuilder().setRole(Role.ASSISTANT).setContent(text).build())
                .setFinishReason(finishReason)
                .build();
    }

    static ProviderError malformed(String what) {
        return new ProviderError(PROVIDER, 502, ErrorTypes.UPSTREAM_ERROR, null,
                "the provider's answer " + what, true, null);
    }
}
