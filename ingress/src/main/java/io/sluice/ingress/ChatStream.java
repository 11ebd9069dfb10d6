package io.sluice.ingress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponse;
import io.sluice.avro.AiReply;
import io.sluice.avro.AiResponse;
import io.sluice.avro.Choice;
import io.sluice.avro.RateLimitStatus;
import java.nio.charset.StandardCharsets;

/**
 * One chat answer streamed as server-sent events in the OpenAI {@code chat.completion.chunk}
 * format: the head goes out with the first chunk, every event is flushed as it is written, and the
 * stream ends with {@code data: [DONE]} or, after an error, with an error event and a closed
 * connection. Chunks whose sequence is not past the last one written (replays) are skipped.
 * Event-loop confined; it decides the bytes, its caller decides when (timers, metrics).
 */
final class ChatStream {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final String DEFAULT_FINISH = "stop";

    private final Exchange exchange;
    private final OpenAiJson.ChunkHead head;
    private int lastSequence;
    private boolean started;

    ChatStream(Exchange exchange, OpenAiJson.ChunkHead head) {
        this.exchange = exchange;
        this.head = head;
    }

    /** Whether the head and a first chunk went out: from then on errors can only be events. */
    boolean started() {
        return started;
    }

    /** Writes a CHUNK reply; false when its sequence is not past the last one written (a replay). */
    boolean chunk(AiReply chunk) {
        if (chunk.getSequence() <= lastSequence) {
            return false;
        }
        lastSequence = chunk.getSequence();
        String delta = chunk.getDelta();
        if (!started) {
            start(null, chunk.getRateLimit());
            event(OpenAiJson.chunk(head, true, delta == null ? "" : delta, null));
        } else if (delta != null && !delta.isEmpty()) {
            event(OpenAiJson.chunk(head, false, delta, null));
        }
        return true;
    }

    /**
     * Ends a successful answer: the whole message when no chunk came before (a provider that does
     * not stream), a chunk with the finish reason, the usage chunk when asked for, then [DONE].
     */
    void succeed(AiResponse response) {
        Choice choice = response.getChoices().isEmpty() ? null : response.getChoices().get(0);
        if (!started) {
            start(response, null);
            event(OpenAiJson.chunk(head, true, choice == null ? "" : choice.getMessage().getContent(), null));
        }
        String finish = choice == null || choice.getFinishReason() == null ? DEFAULT_FINISH : choice.getFinishReason();
        event(OpenAiJson.chunk(head, false, null, finish));
        if (head.includeUsage()) {
            event(OpenAiJson.usageChunk(head, response.getUsage()));
        }
        exchange.streamContent(Unpooled.wrappedBuffer(DONE));
        exchange.endStream();
    }

    /** Ends a started stream with {@code {"error": ...}} and closes the connection: never [DONE]. */
    void fail(ApiError error) {
        exchange.abortStream(sse(OpenAiJson.error(error)));
    }

    /** Sends the head: its headers from the final response when it came first, else the first chunk's limits. */
    private void start(AiResponse response, RateLimitStatus limits) {
        HttpResponse http = HttpResponses.eventStream();
        http.headers().set(ChatCompletionsHandler.REQUEST_ID, head.id());
        ResponseHeaders.apply(http, response);
        if (response == null) {
            ResponseHeaders.rateLimits(http, limits);
        }
        started = true;
        exchange.startStream(http);
    }

    private void event(byte[] json) {
        exchange.streamContent(sse(json));
    }

    private static ByteBuf sse(byte[] json) {
        return Unpooled.wrappedBuffer(DATA, json, END);
    }
}
