package io.sluice.ingress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.avro.AiResponse;
import io.sluice.avro.Usage;
import io.sluice.schemas.openai.CompletionJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders the OpenAI wire shapes the ingress answers with: errors, chat completions and their
 * streamed chunks, model lists.
 */
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
        return write(g -> CompletionJson.writeChatCompletion(g, response));
    }

    /**
     * What every {@code chat.completion.chunk} of one stream repeats.
     *
     * @param id           the request id
     * @param created      epoch seconds, the same in every chunk
     * @param model        the model the client asked for
     * @param includeUsage whether chunks carry {@code "usage": null} ({@code stream_options.include_usage})
     */
    record ChunkHead(String id, long created, String model, boolean includeUsage) {
        ChunkHead {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(model, "model");
        }
    }

    /**
     * A {@code chat.completion.chunk} with one choice whose delta has the assistant role (when
     * {@code withRole}), the content (when not null), and the finish reason (null until the last).
     */
    static byte[] chunk(ChunkHead head, boolean withRole, String content, String finishReason) {
        return write(g -> {
            writeChunkStart(g, head);
            g.writeArrayFieldStart("choices");
            g.writeStartObject();
            g.writeNumberField("index", 0);
            g.writeObjectFieldStart("delta");
            if (withRole) {
                g.writeStringField("role", "assistant");
            }
            if (content != null) {
                g.writeStringField("content", content);
            }
            g.writeEndObject();
            g.writeNullField("logprobs");
            g.writeStringField("finish_reason", finishReason);
            g.writeEndObject();
            g.writeEndArray();
            if (head.includeUsage()) {
                g.writeNullField("usage");
            }
            g.writeEndObject();
        });
    }

    /** The last chunk of a stream with {@code include_usage}: no choices, the request's usage. */
    static byte[] usageChunk(ChunkHead head, Usage usage) {
        return write(g -> {
            writeChunkStart(g, head);
            g.writeArrayFieldStart("choices");
            g.writeEndArray();
            CompletionJson.writeUsage(g, usage);
            g.writeEndObject();
        });
    }

    private static void writeChunkStart(JsonGenerator g, ChunkHead head) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", head.id());
        g.writeStringField("object", "chat.completion.chunk");
        g.writeNumberField("created", head.created());
        g.writeStringField("model", head.model());
        g.writeNullField("system_fingerprint");
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

    /** Writes one JSON document. */
    interface Body {
        void writeTo(JsonGenerator generator) throws IOException;
    }

    /** The UTF-8 JSON {@code body} writes. */
    static byte[] write(Body body) {
        var out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.writeTo(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
