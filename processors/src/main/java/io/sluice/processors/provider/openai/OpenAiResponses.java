package io.sluice.processors.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Choice;
import io.sluice.avro.Role;
import io.sluice.avro.Usage;
import io.sluice.processors.provider.ProviderCall;
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
    static final int MAX_MESSAGE_CHARS = 200;

    private static final String PROVIDER = OpenAiProviderFactory.TYPE;
    /** API keys ({@code sk-...}) and bearer tokens, dots allowed inside but not at the end. */
    private static final Pattern KEY_LIKE =
            Pattern.compile("\\b(sk-|Bearer\\s+)[A-Za-z0-9_*\\-]{3,}(?:\\.[A-Za-z0-9_*\\-]+)*");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\s]+");

    private OpenAiResponses() {}

    /** The result of an HTTP exchange that produced a response. */
    static ProviderResult parse(int status, byte[] body, HttpHeaders headers, ProviderCall call, Instant now) {
        if (status >= 200 && status < 300) {
            return completion(body, call.upstreamModel());
        }
        if (status >= 300 && status < 400) {
            return new ProviderError(PROVIDER, 502, ErrorTypes.UPSTREAM_ERROR, null,
                    "upstream answered with a redirect (HTTP " + status + "), which is not followed", false, null);
        }
        int errorStatus = status >= 400 && status <= 599 ? status : 502;
        return error(errorStatus, body, retryAfter(headers, now), call.deployment().apiKey());
    }

    /** The result of an HTTP exchange that failed before a response arrived. */
    static ProviderError failure(Throwable failure, Duration timeout) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpTimeoutException || cause instanceof CancellationException) {
            return ProviderError.timedOut(PROVIDER, timeout);
        }
        if (cause instanceof ConnectException) {
            return ProviderError.unreachable(PROVIDER, "could not connect to the provider");
        }
        if (cause instanceof IOException) {
            return ProviderError.unreachable(PROVIDER,
                    "the connection to the provider failed (" + cause.getClass().getSimpleName() + ")");
        }
        return ProviderError.unreachable(PROVIDER,
                "the call to the provider failed (" + cause.getClass().getSimpleName() + ")");
    }

    static ProviderResult completion(byte[] body, String fallbackModel) {
        try {
            JsonNode root = OpenAiJson.MAPPER.readTree(body);
            JsonNode choices = root == null ? null : root.get("choices");
            if (choices == null || !choices.isArray()) {
                return malformed("has no choices");
            }
            var parsed = new ArrayList<Choice>(choices.size());
            for (JsonNode choice : choices) {
                parsed.add(choice(choice, parsed.size()));
            }
            return new Completion(text(root, "model", fallbackModel), text(root, "id", null), parsed,
                    usage(root.get("usage")));
        } catch (IOException | RuntimeException e) {
            return malformed("is not a chat completion (" + e.getClass().getSimpleName() + ")");
        }
    }

    static ProviderError error(int status, byte[] body, Duration retryAfter, String secret) {
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
            message += ": " + summarise(detail, secret);
        }
        return ProviderError.forStatus(PROVIDER, status, type == null ? null : summarise(type, secret),
                code == null ? null : summarise(code, secret), message, retryAfter);
    }

    /** {@code Retry-After} in seconds or as an HTTP date, else OpenAI's {@code retry-after-ms}. */
    static Duration retryAfter(HttpHeaders headers, Instant now) {
        var seconds = headers.firstValue("retry-after").map(String::strip).orElse(null);
        if (seconds != null) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(seconds)));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(seconds, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
                } catch (DateTimeParseException notADate) {
                    // fall through to retry-after-ms
                }
            }
        }
        try {
            return headers.firstValue("retry-after-ms")
                    .map(ms -> Duration.ofMillis(Math.max(0, (long) Double.parseDouble(ms.strip()))))
                    .orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** One line of at most {@value #MAX_MESSAGE_CHARS} characters with anything key-like masked. */
    static String summarise(String text, String secret) {
        String masked = text;
        if (secret != null && !secret.isEmpty()) {
            masked = masked.replace(secret, "***");
        }
        masked = KEY_LIKE.matcher(masked).replaceAll("$1***");
        masked = CONTROL.matcher(masked).replaceAll(" ").strip();
        return masked.length() <= MAX_MESSAGE_CHARS ? masked : masked.substring(0, MAX_MESSAGE_CHARS - 3) + "...";
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

    private static ProviderError malformed(String what) {
        return new ProviderError(PROVIDER, 502, ErrorTypes.UPSTREAM_ERROR, null,
                "the provider's answer " + what, true, null);
    }
}
