package io.sluice.schemas.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.avro.AiResponse;
import io.sluice.avro.Choice;
import io.sluice.avro.Usage;
import java.io.IOException;
import java.util.Locale;

/**
 * Writes a response as the OpenAI {@code chat.completion} object. Shared by the ingress (the
 * answer to {@code POST /v1/chat/completions}) and the batch coordinator (each line of a batch's
 * output file), so that both say the same thing the same way.
 */
public final class CompletionJson {
    private CompletionJson() {
    }

    /** A {@code chat.completion} object for a SUCCESS response; {@code id} is the request id. */
    public static void writeChatCompletion(JsonGenerator g, AiResponse response) throws IOException {
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

    /** The {@code usage} field: null, or the token counts with {@code prompt_tokens_details.cached_tokens}. */
    public static void writeUsage(JsonGenerator g, Usage usage) throws IOException {
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
}
