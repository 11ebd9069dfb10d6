package io.sluice.ingress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.avro.AiResponse;
import io.sluice.avro.Choice;
import io.sluice.avro.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the OpenAI wire shapes the ingress answers with: errors, chat completions, model lists. */
final class OpenAiJson {
    private static final JsonFactory JSON = new JsonFactory();

    private OpenAiJson() {
    }

    /** {@code {"error":{"message","type","param","code"}}}. */
    static byte[] error(ApiError error) {
        return write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("message", error.message());
            g.writeStringField("type", error.type());
            g.writeStringField("param", error.param());
            g.writeStringField("code", error.code());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** A {@code chat.completion} object for a SUCCESS response; {@code id} is the request id. */
    static byte[] chatCompletion(AiResponse response) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("id", response.getRequestId());
            g.writeStringField("object", "chat.completion");
            g.writeNumberField("created", response.getCreated());
            g.writeStringField("model", response.getModel());
            g.writeArrayFieldStart("choices");
            for (Choice choice : response.getChoices()) {
                writeChoice(g, choice);
            }
            g.writeEndArray();
            writeUsage(g, response.getUsage());
            g.writeNullField("system_fingerprint");
            g.writeEndObject();
        });
    }

    private static void writeChoice(JsonGenerator g, Choice choice) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", choice.getIndex());
        g.writeObjectFieldStart("message");
        g.writeStringField("role", choice.getMessage().getRole().name().toLowerCase(Locale.ROOT));
        g.writeStringField("content", choice.getMessage().getContent());
        g.writeEndObject();
        g.writeNullField("logprobs");
        g.writeStringField("finish_reason", choice.getFinishReason());
        g.writeEndObject();
    }

    private static void writeUsage(JsonGenerator g, Usage usage) throws IOException {
        if (usage == null) {
            g.writeNullField("usage");
            return;
        }
        g.writeObjectFieldStart("usage");
        g.writeNumberField("prompt_tokens", usage.getPromptTokens());
        g.writeNumberField("completion_tokens", usage.getCompletionTokens());
        g.writeNumberField("total_tokens", usage.getTotalTokens());
        g.writeObjectFieldStart("prompt_tokens_details");
        g.writeNumberField("cached_tokens", usage.getCachedPromptTokens());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** {@code {"object":"list","data":[{"id","object":"model","created","owned_by":"sluice"}]}}. */
    static byte[] models(List<String> models, long created) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            for (String model : models) {
                g.writeStartObject();
                g.writeStringField("id", model);
                g.writeStringField("object", "model");
                g.writeNumberField("created", created);
                g.writeStringField("owned_by", "sluice");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** {@code {"status":"UP|DOWN","checks":{name:{"status","detail"}}}}. */
    static byte[] health(boolean up, Map<String, HealthCheck.Result> checks) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("status", up ? "UP" : "DOWN");
            g.writeObjectFieldStart("checks");
            for (Map.Entry<String, HealthCheck.Result> check : checks.entrySet()) {
                g.writeObjectFieldStart(check.getKey());
                g.writeStringField("status", check.getValue().up() ? "UP" : "DOWN");
                g.writeStringField("detail", check.getValue().detail());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** {@code {"status":"UP"}}. */
    static byte[] live() {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("status", "UP");
            g.writeEndObject();
        });
    }

    private interface Body {
        void writeTo(JsonGenerator generator) throws IOException;
    }

    private static byte[] write(Body body) {
        var out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.writeTo(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
