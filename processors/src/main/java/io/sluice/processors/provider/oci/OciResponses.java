package io.sluice.processors.provider.oci;

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
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;

/**
 * Turns what OCI Generative AI answered into a {@link ProviderResult}; pure functions that never
 * throw. A {@code ChatResult} is {@code {modelId, modelVersion, chatResponse}} where the chat
 * response is either generic ({@code choices[].message.content[].text}, {@code finishReason}) or
 * Cohere's ({@code text}, {@code finishReason}), both with {@code usage}
 * ({@code promptTokens}, {@code completionTokens}, {@code totalTokens}). Finish reasons are given
 * in OpenAI's words where there is one ({@code COMPLETE} is {@code stop}, {@code MAX_TOKENS}
 * {@code length}, {@code ERROR_TOXIC} {@code content_filter}), else lower-cased. An error is
 * {@code {"code", "message"}} with the HTTP status; its message is summarised, never echoed.
 */
final class OciResponses {
    private static final String PROVIDER = OciProviderFactory.TYPE;

    private OciResponses() {}

    /** The result of an HTTP exchange that produced a response; {@code secret} is masked in messages. */
    static ProviderResult parse(int status, byte[] body, HttpHeaders headers, String fallbackModel, Instant now,
            String secret) {
        if (status >= 200 && status < 300) {
            return completion(body, headers.firstValue("opc-request-id").orElse(null), fallbackModel);
        }
        if (status >= 300 && status < 400) {
            return ProviderHttp.redirect(PROVIDER, status);
        }
        int errorStatus = status >= 400 && status <= 599 ? status : 502;
        return error(errorStatus, body, ProviderHttp.retryAfter(headers, now), secret);
    }

    static ProviderResult completion(byte[] body, String requestId, String fallbackModel) {
        try {
            JsonNode root = OciJson.MAPPER.readTree(body);
            JsonNode response = root == null ? null : root.get("chatResponse");
            if (response == null || !response.isObject()) {
                return malformed("has no chatResponse");
            }
            var choices = new ArrayList<Choice>();
            JsonNode list = response.get("choices");
            if (list != null && list.isArray()) {
                for (JsonNode choice : list) {
                    int index = choice.path("index").canConvertToInt() ? choice.path("index").asInt() : choices.size();
                    choices.add(choice(index, contentText(choice.path("message")), text(choice, "finishReason")));
                }
            } else if (response.has("text")) {
                choices.add(choice(0, text(response, "text"), text(response, "finishReason")));
            } else {
                return malformed("has neither choices nor text");
            }
            String model = text(root, "modelId");
            return new Completion(model == null ? fallbackModel : model, requestId, choices, usage(response.get("usage")));
        } catch (IOException | RuntimeException e) {
            return malformed("is not a chat result (" + e.getClass().getSimpleName() + ")");
        }
    }

    static ProviderError error(int status, byte[] body, Duration retryAfter, String secret) {
        String code = null;
        String detail = null;
        try {
            JsonNode root = OciJson.MAPPER.readTree(body);
            code = text(root, "code");
            detail = text(root, "message");
        } catch (IOException | RuntimeException e) {
            // not JSON (a proxy's error page, say): say only the status
        }
        String message = "upstream returned HTTP " + status;
        if (detail != null && !detail.isBlank()) {
            message += ": " + ProviderHttp.summarise(detail, secret);
        }
        String type = switch (status) {
            case 401 -> ErrorTypes.AUTHENTICATION;
            case 403 -> ErrorTypes.PERMISSION_DENIED;
            case 404 -> ErrorTypes.NOT_FOUND;
            default -> null;
        };
        return ProviderError.forStatus(PROVIDER, status, type, code == null ? null : ProviderHttp.summarise(code, secret),
                message, retryAfter);
    }

    /** The text parts of a generic message's {@code content}, joined; empty when there are none. */
    static String contentText(JsonNode message) {
        var text = new StringBuilder();
        JsonNode content = message == null ? null : message.get("content");
        if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                String piece = text(part, "text");
                if (piece != null && "TEXT".equalsIgnoreCase(part.path("type").asText("TEXT"))) {
                    text.append(piece);
                }
            }
        }
        return text.toString();
    }

    /** A finish reason in OpenAI's words where there is one, else lower-cased; null stays null. */
    static String finishReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String lower = reason.strip().toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "complete", "stop_sequence", "end_turn" -> "stop";
            case "max_tokens" -> "length";
            case "error_toxic" -> "content_filter";
            default -> lower;
        };
    }

    static Usage usage(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        int prompt = node.path("promptTokens").asInt(0);
        int completion = node.path("completionTokens").asInt(0);
        return Usage.newBuilder()
                .setPromptTokens(prompt)
                .setCompletionTokens(completion)
                .setTotalTokens(node.path("totalTokens").asInt(prompt + completion))
                .setCachedPromptTokens(node.path("promptTokensDetails").path("cachedTokens").asInt(0))
                .build();
    }

    static Choice choice(int index, String content, String finishReason) {
        return Choice.newBuilder()
                .setIndex(index)
                .setMessage(ChatMessage.newBuilder().setRole(Role.ASSISTANT).setContent(content == null ? "" : content).build())
                .setFinishReason(finishReason(finishReason))
                .build();
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    static ProviderError malformed(String what) {
        return new ProviderError(PROVIDER, 502, ErrorTypes.UPSTREAM_ERROR, null, "the provider's answer " + what, true,
                null);
    }
}
