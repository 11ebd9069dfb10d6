package io.sluice.processors.provider.oci;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.avro.Choice;
import io.sluice.avro.Usage;
import io.sluice.processors.provider.LineStream;
import io.sluice.processors.provider.ProviderHttp;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.SseEvents;
import io.sluice.processors.provider.StreamSink;
import io.sluice.processors.provider.oci.OciRequests.ApiFormat;
import io.sluice.schemas.ErrorTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one streamed OCI chat, line by line: server-sent events whose {@code data} is JSON. In the
 * generic format an event carries a piece of a choice ({@code index}, {@code message.content[].text})
 * and the last one of a choice its {@code finishReason}; in Cohere's an event carries a piece as
 * {@code text}, and the last one the {@code finishReason} with the whole text again (not passed on
 * twice). An event with {@code usage} gives the usage. The first choice's pieces go to the sink as
 * they come.
 *
 * <p>The stream is over when the body ends or at {@code data: [DONE]}: a completion if every choice
 * has finished, else a retryable 502 {@code upstream_error}, as is an error event
 * ({@code {"code", "message"}}) or an event that is not JSON. No I/O; not thread-safe.
 */
final class OciStream implements LineStream {
    private static final String DONE = "[DONE]";

    private final ApiFormat format;
    private final String model;
    private final String requestId;
    private final StreamSink sink;
    private final String secret;
    private final SseEvents events = new SseEvents();
    private final Map<Integer, ChoiceText> choices = new TreeMap<>();
    private Usage usage;
    private ProviderResult end;

    /**
     * @param model     the model the completion names (OCI's events do not say)
     * @param requestId OCI's {@code opc-request-id}, or null
     * @param secret    masked in error messages, or null
     */
    OciStream(ApiFormat format, String model, String requestId, StreamSink sink, String secret) {
        this.format = format;
        this.model = model;
        this.requestId = requestId;
        this.sink = sink;
        this.secret = secret;
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
        // comments and the fields event, id and retry say nothing a chat needs
        return end;
    }

    @Override
    public ProviderResult end() {
        SseEvents.Event last = end == null ? events.flush() : null;
        if (last != null) {
            dispatch(last);
        }
        if (end == null) {
            end = finished() ? completion() : broken("the provider's stream ended before the answer was finished");
        }
        return end;
    }

    private void dispatch(SseEvents.Event sse) {
        String event = sse.data();
        if (event.strip().equals(DONE)) {
            end = finished() ? completion() : broken("the provider's stream ended before the answer was finished");
            return;
        }
        try {
            event(OciJson.MAPPER.readTree(event));
        } catch (IOException | RuntimeException e) {
            end = broken("the provider's stream has an event that is not a chat event (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void event(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode message = root.get("message");
        if (root.hasNonNull("code") && message != null && message.isTextual()) {
            end = broken("the provider reported an error mid-stream: " + ProviderHttp.summarise(message.asText(), secret));
            return;
        }
        Usage reported = OciResponses.usage(root.get("usage"));
        if (reported != null) {
            usage = reported;
        }
        String finishReason = OciResponses.text(root, "finishReason");
        if (format == ApiFormat.COHERE) {
            ChoiceText choice = choices.computeIfAbsent(0, i -> new ChoiceText());
            String text = OciResponses.text(root, "text");
            if (text != null && (finishReason == null || choice.text.isEmpty())) {
                append(0, choice, text);
            }
            choice.finish(finishReason);
            return;
        }
        int index = root.path("index").canConvertToInt() ? root.path("index").asInt() : 0;
        if ((message != null && message.isObject()) || finishReason != null) {
            ChoiceText choice = choices.computeIfAbsent(index, i -> new ChoiceText());
            append(index, choice, OciResponses.contentText(message));
            choice.finish(finishReason);
        }
    }

    private void append(int index, ChoiceText choice, String piece) {
        if (piece.isEmpty()) {
            return;
        }
        choice.text.append(piece);
        if (index == 0) {
            sink.delta(piece);
        }
    }

    private boolean finished() {
        return !choices.isEmpty() && choices.values().stream().allMatch(choice -> choice.finishReason != null);
    }

    private Completion completion() {
        var list = new ArrayList<Choice>(choices.size());
        choices.forEach((index, choice) -> list.add(OciResponses.choice(index, choice.text.toString(), choice.finishReason)));
        return new Completion(model, requestId, list, usage);
    }

    private static ProviderError broken(String message) {
        return new ProviderError(OciProviderFactory.TYPE, 502, ErrorTypes.UPSTREAM_ERROR, null, message, true, null);
    }

    /** What one choice said so far. */
    private static final class ChoiceText {
        final StringBuilder text = new StringBuilder();
        String finishReason;

        void finish(String reason) {
            if (reason != null && !reason.isBlank()) {
                finishReason = reason;
            }
        }
    }
}
