package io.sluice.processors.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.processors.provider.LineStream;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.SseEvents;
import io.sluice.processors.provider.StreamSink;
import io.sluice.schemas.ErrorTypes;
import java.io.IOException;
import java.util.List;

/**
 * Reads one streamed message, line by line, as the Messages API sends it: server-sent events
 * {@code message_start} (id, model, input usage), {@code content_block_start},
 * {@code content_block_delta}, {@code content_block_stop}, {@code message_delta} (stop reason,
 * output usage) and {@code message_stop}, with {@code ping}s anywhere. The text of every text block
 * goes to the sink as it comes; other blocks (tool use, thinking) are not text and are skipped, as
 * are event types this reader does not know. {@code message_stop} ends the stream with one
 * {@link Completion}. An {@code error} event is a {@link ProviderError} classified by its type; an
 * event that is not JSON, or a body that ends before {@code message_stop}, is a retryable 502
 * {@code upstream_error}: never a clean finish.
 *
 * <p>No I/O: the provider feeds it lines. Not thread-safe; lines come one at a time.
 */
final class AnthropicStream implements LineStream {
    private static final String PROVIDER = AnthropicProviderFactory.TYPE;

    private final ProviderCall call;
    private final StreamSink sink;
    private final SseEvents events = new SseEvents();
    private final StringBuilder text = new StringBuilder();
    private final AnthropicResponses.Tokens tokens = new AnthropicResponses.Tokens();
    private boolean started;
    private String model;
    private String id;
    private String stopReason;
    private ProviderResult end;

    AnthropicStream(ProviderCall call, StreamSink sink) {
        this.call = call;
        this.sink = sink;
    }

    @Override
    public ProviderResult line(String line) {
        if (end != null) {
            return end;
        }
        SseEvents.Event event = events.line(line);
        if (event != null) {
            dispatch(event);
        }
        // comments (":...") and the fields id and retry say nothing a message needs
        return end;
    }

    @Override
    public ProviderResult end() {
        SseEvents.Event last = end == null ? events.flush() : null;
        if (last != null) {
            dispatch(last);
        }
        if (end == null) {
            end = broken("the provider's stream ended before message_stop");
        }
        return end;
    }

    private void dispatch(SseEvents.Event sse) {
        String name = sse.name();
        String event = sse.data();
        try {
            JsonNode root = AnthropicJson.MAPPER.readTree(event);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            event(AnthropicJson.text(root, "type", name), root);
        } catch (IOException | RuntimeException e) {
            end = broken("the provider's stream has an event that is not a message event ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private void event(String type, JsonNode root) {
        if (type == null) {
            return;
        }
        switch (type) {
            case "message_start" -> {
                JsonNode message = root.path("message");
                model = AnthropicJson.text(message, "model", null);
                id = AnthropicJson.text(message, "id", null);
                tokens.take(message.get("usage"));
            }
            case "content_block_start" -> {
                JsonNode block = root.path("content_block");
                if ("text".equals(AnthropicJson.text(block, "type", null))) {
                    deliver(AnthropicJson.text(block, "text", null));
                }
            }
            case "content_block_delta" -> {
                JsonNode delta = root.path("delta");
                if ("text_delta".equals(AnthropicJson.text(delta, "type", null))) {
                    deliver(AnthropicJson.text(delta, "text", null));
                }
            }
            case "message_delta" -> {
                String reason = AnthropicJson.text(root.path("delta"), "stop_reason", null);
                if (reason != null) {
                    stopReason = reason;
                }
                tokens.take(root.get("usage"));
            }
            case "message_stop" -> end = completion();
            case "error" -> end = AnthropicResponses.streamError(root.get("error"), call.deployment().apiKey());
            default -> {
                // ping, content_block_stop, and event types added after this was written
            }
        }
    }

    private void deliver(String piece) {
        if (piece == null || piece.isEmpty()) {
            return;
        }
        text.append(piece);
        if (!started) {
            started = true;
            if (model != null) {
                sink.model(model);
            }
        }
        sink.delta(piece);
    }

    private Completion completion() {
        return new Completion(model == null ? call.upstreamModel() : model, id,
                List.of(AnthropicResponses.choice(text.toString(), AnthropicResponses.finishReason(stopReason))),
                tokens.usage());
    }

    private static ProviderError broken(String message) {
        return new ProviderError(PROVIDER, 502, ErrorTypes.UPSTREAM_ERROR, null, message, true, null);
    }
}
