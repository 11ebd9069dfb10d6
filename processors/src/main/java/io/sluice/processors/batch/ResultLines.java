package io.sluice.processors.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.avro.AiResponse;
import io.sluice.avro.BatchError;
import io.sluice.avro.ErrorInfo;
import io.sluice.avro.ResponseStatus;
import io.sluice.schemas.openai.CompletionJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The lines of a batch's output and error files, in the OpenAI Batch API's shape:
 * {@code {"id","custom_id","response":{"status_code","request_id","body"},"error":null}} for a
 * request that got an answer (a chat completion, or the error body it was answered with), and
 * {@code {"id","custom_id","response":null,"error":{"code","message"}}} for a line that was never
 * sent (invalid, or the batch expired or was cancelled first).
 */
final class ResultLines {
    private static final JsonFactory JSON = new JsonFactory();

    private ResultLines() {}

    /** Whether the line of {@code response} belongs in the output file (else in the error file). */
    static boolean success(AiResponse response) {
        return response.getStatus() == ResponseStatus.SUCCESS;
    }

    static String answered(AiResponse response, String customId) {
        return write(g -> {
            start(g, response.getRequestId(), customId);
            g.writeObjectFieldStart("response");
            ErrorInfo error = response.getError();
            g.writeNumberField("status_code", success(response) ? 200 : error == null ? 500 : error.getHttpStatus());
            g.writeStringField("request_id", response.getRequestId());
            g.writeFieldName("body");
            if (success(response)) {
                CompletionJson.writeChatCompletion(g, response);
            } else {
                g.writeStartObject();
                g.writeObjectFieldStart("error");
                g.writeStringField("message", error == null ? "The request failed." : error.getMessage());
                g.writeStringField("type", error == null ? "server_error" : error.getType());
                g.writeStringField("param", error == null ? null : error.getParam());
                g.writeStringField("code", error == null ? null : error.getCode());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeNullField("error");
            g.writeEndObject();
        });
    }

    static String notSent(String requestId, String customId, BatchError error) {
        return write(g -> {
            start(g, requestId, customId);
            g.writeNullField("response");
            g.writeObjectFieldStart("error");
            g.writeStringField("code", error.getCode());
            g.writeStringField("message", error.getMessage());
            if (error.getParam() != null) {
                g.writeStringField("param", error.getParam());
            }
            if (error.getLine() != null) {
                g.writeNumberField("line", error.getLine());
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void start(JsonGenerator g, String requestId, String customId) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", requestId);
        g.writeStringField("custom_id", customId);
    }

    private interface Body {
        void writeTo(JsonGenerator generator) throws IOException;
    }

    private static String write(Body body) {
        var out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.writeTo(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
