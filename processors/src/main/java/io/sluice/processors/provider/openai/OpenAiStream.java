package io.sluice.processors.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Choice;
import io.sluice.avro.Usage;
import io.sluice.processors.provider.LineStream;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderHttp;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.SseEvents;
import io.sluice.processors.provider.StreamSink;
import io.sluice.schemas.ErrorTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one streamed chat completion, line by line, as OpenAI sends it: server-sent events whose
 * {@code data} is a {@code chat.completion.chunk}, ending with {@code data: [DONE]}. Passes the
 * first choice's content to the sink as it comes, remembers the model, the id, every choice's
 * whole text and finish reason, and the usage chunk (the one with {@code "choices": []}), and at
 * the end makes them one {@link Completion}. An {@code error} event or a chunk that is not JSON
 * ends the stream with a retryable 502 {@code upstream_error}, as does a body that ends before
 * {@code [DONE]} while a choice is unfinished. A blank {@code model} or {@code id} (Azure OpenAI's
 * content-filter annotations say {@code ""}) counts as not said.
 *
 * <p>No I/O: the provider feeds it lines. Not thread-safe; lines come one at a time.
 */
final class OpenAiStream implements LineStream {
    static final String DONE = "[DONE]";

    private final String provider;
    private final ProviderCall call;
    private final StreamSink sink;
    private final SseEvents events = new SseEvents();
    private final Map<Integer, ChoiceText> choices = new TreeMap<>();
    private boolean started;
    private String model;
    private String id;
    private Usage usage;
    private ProviderResult end;

    OpenAiStream(String provider, ProviderCall call, StreamSink sink) {
        this.provider = provider;
        this.call = call;
        this.sink = sink;
    }

    /** Takes one line of the body; returns the result once the stream is over, else null. */
    @Override
    public ProviderResult line(String line) {
        if (end != null) {
            return end;
        }
        SseEvents.Event event = events.line(line);
        if (event != null) {
            dispatch(event);
        }
        // comments (":...") and the fields event, id and retry say nothing a chat completion needs
        return end;
    }

    /** The body ended: the result, whether or not {@code [DONE]} came. */
    @Override
    public ProviderResult end() {
        SseEvents.Event last = end == null ? events.flush() : null;
        if (last != null) {
            dispatch(last);
        }
        if (end == null) {
            boolean finished = !choices.isEmpty()
                    && choices.values().stream().allMatch(choice -> choice.finishReason != null);
            end = finished ? completion() : broken("the provider's stream ended before [DONE]");
        }
        return end;
    }

    private void dispatch(SseEvents.Event sse) {
        String event = sse.data();
        if (event.strip().equals(DONE)) {
            end = completion();
            return;
        }
        try {
            chunk(OpenAiJson.MAPPER.readTree(event));
        } catch (IOException | RuntimeException e) {
            end = broken("the provider's stream has an event that is not a chat completion chunk ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private void chunk(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            String detail = error.isObject() ? OpenAiResponses.text(error, "message", null) : error.asText();
            end = broken("the provider reported an error mid-stream"
                    + (detail == null || detail.isBlank() ? "" : ": "
                            + ProviderHttp.summarise(detail, call.deployment().apiKey())));
            return;
        }
        if (model == null) {
            model = OpenAiResponses.nonBlank(root, "model", null);
        }
        if (id == null) {
            id = OpenAiResponses.nonBlank(root, "id", null);
        }
        Usage reported = OpenAiResponses.usage(root.get("usage"));
        if (reported != null) {
            usage = reported;
        }
        JsonNode list = root.get("choices");
        if (list != null && list.isArray()) {
            for (JsonNode choice : list) {
                choice(choice);
            }
        }
    }

    private void choice(JsonNode node) {
        int index = node.path("index").canConvertToInt() ? node.path("index").asInt() : 0;
        ChoiceText choice = choices.computeIfAbsent(index, i -> new ChoiceText());
        JsonNode delta = node.path("delta");
        String role = OpenAiResponses.text(delta, "role", null);
        if (role != null) {
            choice.role = role;
        }
        String content = OpenAiResponses.text(delta, "content", null);
        String refusal = OpenAiResponses.text(delta, "refusal", null);
        String piece = content == null ? refusal : refusal == null ? content : content + refusal;
        if (piece != null && !piece.isEmpty()) {
            choice.text.append(piece);
            if (index == 0) {
                deliver(piece);
            }
        }
        String finishReason = OpenAiResponses.text(node, "finish_reason", null);
        if (finishReason != null) {
            choice.finishReason = finishReason;
        }
    }

    private void deliver(String piece) {
        if (!started) {
            started = true;
            if (model != null) {
                sink.model(model);
            }
        }
        sink.delta(piece);
    }

    private Completion completion() {
        var list = new ArrayList<Choice>(choices.size());
        choices.forEach((index, choice) -> list.add(Choice.newBuilder()
                .setIndex(index)
                .setMessage(ChatMessage.newBuilder()
                        .setRole(OpenAiResponses.role(choice.role))
                        .setContent(choice.text.toString())
                        .build())
                .setFinishReason(choice.finishReason)
                .build()));
        return new Completion(model == null ? call.upstreamModel() : model, id, list, usage);
    }

    private ProviderError broken(String message) {
        return new ProviderError(provider, 502, ErrorTypes.UPSTREAM_ERROR, null, message, true, null);
    }

    /** What one choice said so far. */
    private static final class ChoiceText {
        final StringBuilder text = new StringBuilder();
        String role = "assistant";
        String finishReason;
    }
}
