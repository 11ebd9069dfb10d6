package io.sluice.processors.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Choice;
import io.sluice.avro.Role;
import io.sluice.avro.Usage;
import io.sluice.processors.provider.ProviderHttp;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.schemas.ErrorTypes;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns what Bedrock answered into a {@link ProviderResult}; pure functions that never throw.
 * Error texts are summarised (one short line, the deployment's secrets masked), never echoed.
 */
final class BedrockResponses {
    static final String PROVIDER = BedrockProviderFactory.TYPE;

    /** How one of Bedrock's exceptions is reported: the gateway's error type and whether to retry. */
    private record Kind(int status, String type, boolean retryable) {}

    /** Bedrock's exception names, lower-cased (the HTTP API capitalises them, event streams do not). */
    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("throttlingexception", new Kind(429, ErrorTypes.RATE_LIMIT_EXCEEDED, true)),
            Map.entry("modelnotreadyexception", new Kind(429, ErrorTypes.SERVER_ERROR, true)),
            Map.entry("serviceunavailableexception", new Kind(503, ErrorTypes.SERVER_ERROR, true)),
            Map.entry("internalserverexception", new Kind(500, ErrorTypes.SERVER_ERROR, true)),
            Map.entry("modeltimeoutexception", new Kind(408, ErrorTypes.TIMEOUT, true)),
            Map.entry("modelstreamerrorexception", new Kind(424, ErrorTypes.UPSTREAM_ERROR, true)),
            Map.entry("modelerrorexception", new Kind(424, ErrorTypes.UPSTREAM_ERROR, false)),
            Map.entry("validationexception", new Kind(400, ErrorTypes.INVALID_REQUEST, false)),
            Map.entry("accessdeniedexception", new Kind(403, ErrorTypes.PERMISSION_DENIED, false)),
            Map.entry("resourcenotfoundexception", new Kind(404, ErrorTypes.NOT_FOUND, false)),
            Map.entry("unrecognizedclientexception", new Kind(403, ErrorTypes.AUTHENTICATION, false)),
            Map.entry("invalidsignatureexception", new Kind(403, ErrorTypes.AUTHENTICATION, false)),
            Map.entry("incompletesignatureexception", new Kind(403, ErrorTypes.AUTHENTICATION, false)),
            Map.entry("missingauthenticationtokenexception", new Kind(403, ErrorTypes.AUTHENTICATION, false)),
            Map.entry("expiredtokenexception", new Kind(403, ErrorTypes.AUTHENTICATION, false)));

    private BedrockResponses() {}

    /**
     * A {@code Converse} answer: the text blocks of {@code output.message.content} joined as the one
     * choice, {@code stopReason} mapped to a finish reason, and the usage. Bedrock names no model in
     * its answer, so the response model is the one called; the response id is {@code x-amzn-RequestId}.
     */
    static ProviderResult completion(byte[] body, String model, String requestId) {
        try {
            JsonNode root = BedrockJson.MAPPER.readTree(body);
            JsonNode content = root == null ? null : root.path("output").path("message").get("content");
            if (content == null || !content.isArray()) {
                return malformed("has no output message");
            }
            var text = new StringBuilder();
            for (JsonNode block : content) {
                String piece = BedrockJson.text(block, "text", null);
                if (piece != null) {
                    text.append(piece);
                }
            }
            Choice choice = choice(text.toString(), finishReason(BedrockJson.text(root, "stopReason", null)));
            return new Completion(model, requestId, List.of(choice), usage(root.get("usage")));
        } catch (IOException | RuntimeException e) {
            return malformed("is not a Converse response (" + e.getClass().getSimpleName() + ")");
        }
    }

    static Choice choice(String text, String finishReason) {
        return Choice.newBuilder()
                .setIndex(0)
                .setMessage(ChatMessage.newBuilder().setRole(Role.ASSISTANT).setContent(text).build())
                .setFinishReason(finishReason)
                .build();
    }

    /** Bedrock's {@code stopReason} as an OpenAI finish reason; one it does not know passes through as it is. */
    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> "stop";
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "content_filtered", "guardrail_intervened" -> "content_filter";
            default -> stopReason;
        };
    }

    /**
     * Bedrock's {@code TokenUsage} in OpenAI's terms: prompt tokens count the tokens read from and
     * written to the prompt cache too (Bedrock counts them apart from {@code inputTokens}), and the
     * cache reads are the cached prompt tokens.
     */
    static Usage usage(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        int cacheRead = node.path("cacheReadInputTokens").asInt(0);
        int prompt = node.path("inputTokens").asInt(0) + cacheRead + node.path("cacheWriteInputTokens").asInt(0);
        int completion = node.path("outputTokens").asInt(0);
        return Usage.newBuilder()
                .setPromptTokens(prompt)
                .setCompletionTokens(completion)
                .setTotalTokens(node.path("totalTokens").asInt(prompt + completion))
                .setCachedPromptTokens(cacheRead)
                .build();
    }

    /**
     * An HTTP error answer: {@code x-amzn-ErrorType} (or the body's {@code __type}) names Bedrock's
     * exception, which becomes the code and decides the type and whether to retry; the body's
     * {@code message} is summarised.
     */
    static ProviderError error(int status, String errorTypeHeader, byte[] body, Duration retryAfter, Secrets secrets) {
        String detail = null;
        String exception = exceptionName(errorTypeHeader);
        try {
            JsonNode root = BedrockJson.MAPPER.readTree(body);
            if (root != null && root.isObject()) {
                detail = BedrockJson.text(root, "message", BedrockJson.text(root, "Message", null));
                if (exception == null) {
                    exception = exceptionName(BedrockJson.text(root, "__type", null));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON (a proxy's HTML page, say): say only the status and the header
        }
        if (exception != null) {
            exception = secrets.summarise(exception);
        }
        Kind kind = exception == null ? null : KINDS.get(exception.toLowerCase(Locale.ROOT));
        String message = "upstream returned HTTP " + status + (exception == null ? "" : " " + exception)
                + (detail == null || detail.isBlank() ? "" : ": " + secrets.summarise(detail));
        if (kind == null) {
            return ProviderError.forStatus(PROVIDER, status, null, exception, message, retryAfter);
        }
        return new ProviderError(PROVIDER, status, kind.type(), exception, message, kind.retryable(), retryAfter);
    }

    /**
     * An exception event in a stream ({@code :message-type} {@code exception}): reported with the
     * status Bedrock documents for it, or as a retryable 502 when the exception is unknown.
     */
    static ProviderError streamException(String exceptionType, byte[] payload, Secrets secrets) {
        String exception = exceptionType == null || exceptionType.isBlank() ? "unknown" : secrets.summarise(exceptionType);
        String detail = null;
        try {
            JsonNode root = BedrockJson.MAPPER.readTree(payload);
            detail = root == null ? null : BedrockJson.text(root, "message", BedrockJson.text(root, "Message", null));
        } catch (IOException | RuntimeException e) {
            // no readable message: the exception's name says enough
        }
        String message = "the provider reported " + exception + " mid-stream"
                + (detail == null || detail.isBlank() ? "" : ": " + secrets.summarise(detail));
        Kind kind = KINDS.get(exception.toLowerCase(Locale.ROOT));
        if (kind == null) {
            return new ProviderError(PROVIDER, 502, ErrorTypes.UPSTREAM_ERROR, exception, message, true, null);
        }
        return new ProviderError(PROVIDER, kind.status(), kind.type(), exception, message, kind.retryable(), null);
    }

    /** {@code ThrottlingException:http://internal.amazon.com/...} or {@code com.amazon...#ThrottlingException} to {@code ThrottlingException}. */
    private static String exceptionName(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String name = raw.strip();
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        int hash = name.lastIndexOf('#');
        if (hash >= 0) {
            name = name.substring(hash + 1);
        }
        return name.isBlank() ? null : name;
    }

    static ProviderError malformed(String what) {
        return new ProviderError(PROVIDER, 502, ErrorTypes.UPSTREAM_ERROR, null, "the provider's answer " + what,
                true, null);
    }

    /** Upstream text made safe for an error message: every credential of the deployment masked. */
    static final class Secrets {
        private final List<String> values;

        Secrets(List<String> values) {
            this.values = values.stream().filter(value -> value != null && !value.isEmpty()).toList();
        }

        String summarise(String text) {
            String masked = text;
            for (String secret : values) {
                masked = masked.replace(secret, "***");
            }
            return ProviderHttp.summarise(masked, null);
        }

        @Override
        public String toString() {
            return "Secrets[" + values.size() + " redacted]";
        }
    }
}
