package io.sluice.ingress;

import io.sluice.avro.ChatMessage;
import io.sluice.avro.PromptRef;
import io.sluice.avro.SamplingParams;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code POST /v1/chat/completions} body.
 *
 * @param model    the model the client named (not yet checked against the catalog)
 * @param messages the conversation, content parts already joined
 * @param params   the sampling parameters
 * @param user     the end-user id the client passed, or null
 * @param metadata the client's metadata pairs
 * @param stream   whether the client asked for server-sent events
 * @param streamIncludeUsage whether a streamed answer ends with a usage chunk ({@code stream_options.include_usage})
 * @param prompt   the published prompt the gateway renders in front of the messages, or null
 */
record ChatCompletionRequest(
        String model,
        List<ChatMessage> messages,
        SamplingParams params,
        String user,
        Map<String, String> metadata,
        boolean stream,
        boolean streamIncludeUsage,
        PromptRef prompt) {

    ChatCompletionRequest(String model, List<ChatMessage> messages, SamplingParams params, String user,
            Map<String, String> metadata, boolean stream, boolean streamIncludeUsage) {
        this(model, messages, params, user, metadata, stream, streamIncludeUsage, null);
    }

    ChatCompletionRequest {
        if (streamIncludeUsage && !stream) {
            throw new IllegalArgumentException("streamIncludeUsage needs stream");
        }
        messages = List.copyOf(messages);
        metadata = Map.copyOf(metadata);
    }
}
