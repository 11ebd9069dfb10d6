package io.sluice.processors.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.avro.Usage;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.StreamSink;
import io.sluice.schemas.ErrorTypes;
import java.io.IOException;
import java.util.List;

/**
 * Reads one {@code ConverseStream} answer, event by event, as the decoder frames them. Events are
 * told apart by their {@code :event-type} header: {@code contentBlockDelta} passes its
 * {@code delta.text} to the sink as it comes, {@code messageStop} carries the stop reason,
 * {@code metadata} (the last event) the usage; {@code messageStart}, {@code contentBlockStart},
 * {@code contentBlockStop} and events it does not know say nothing a chat completion needs.
 * A frame whose {@code :message-type} is {@code exception} or {@code error} ends the stream with an
 * error, as does a body that ends before {@code messageStop}.
 *
 * <p>No I/O. Not thread-safe; events come one at a time.
 */
final class BedrockStream {
    private final String model;
    private final StreamSink sink;
    private final BedrockResponses.Secrets secrets;
    private final StringBuilder text = new StringBuilder();
    private String requestId;
    private String stopReason;
    private Usage usage;
    private ProviderResult end;

    BedrockStream(String model, StreamSink sink, BedrockResponses.Secrets secrets) {
        this.model = model;
        this.sink = sink;
        this.secrets = secrets;
    }

    /** The {@code x-amzn-RequestId} of the response, which becomes the completion's id. */
    void requestId(String requestId) {
        this.requestId = requestId;
    }

    /** Takes one frame; returns the call's result once the stream is over, else null. */
    ProviderResult event(EventStreamDecoder.Message message) {
        if (end != null) {
            return end;
        }
        String messageType = message.header(":message-type");
        if ("exception".equals(messageType)) {
            end = BedrockResponses.streamException(message.header(":exception-type"), message.payload(), secrets);
            return end;
        }
        if ("error".equals(messageType)) {
            String code = message.header(":error-code");
            String detail = message.header(":error-message");
            end = new ProviderError(BedrockResponses.PROVIDER, 502, ErrorTypes.UPSTREAM_ERROR,
                    code == null ? null : secrets.summarise(code),
                    "the provider reported an error mid-stream"
                            + (detail == null || detail.isBlank() ? "" : ": " + secrets.summarise(detail)),
                    true, null);
            return end;
        }
        String eventType = message.header(":event-type");
        if (eventType == null) {
            return null;
        }
        try {
            switch (eventType) {
                case "contentBlockDelta" -> delta(payload(message));
                case "messageStop" -> stopReason = BedrockJson.text(payload(message), "stopReason", "end_turn");
                case "metadata" -> {
                    Usage reported = BedrockResponses.usage(payload(message).get("usage"));
                    if (reported != null) {
                        usage = reported;
                    }
                    if (stopReason != null) {
                        end = completion();
                    }
                }
                default -> {
                    // messageStart, contentBlockStart, contentBlockStop and newer events
                }
            }
        } catch (IOException | RuntimeException e) {
            end = broken("the provider's stream has a " + eventType + " event that is not JSON ("
                    + e.getClass().getSimpleName() + ")");
        }
        return end;
    }

    /** The body ended: the result, whether or not the stream finished properly. */
    ProviderResult end() {
        if (end == null) {
            end = stopReason != null ? completion() : broken("the provider's stream ended before messageStop");
        }
        return end;
    }

    private void delta(JsonNode event) {
        String piece = BedrockJson.text(event.path("delta"), "text", null);
        if (piece != null && !piece.isEmpty()) {
            text.append(piece);
            sink.delta(piece);
        }
    }

    private static JsonNode payload(EventStreamDecoder.Message message) throws IOException {
        JsonNode node = BedrockJson.MAPPER.readTree(message.payload());
        if (node == null || !node.isObject()) {
            throw new IOException("not a JSON object");
        }
        return node;
    }

    private Completion completion() {
        return new Completion(model, requestId,
                List.of(BedrockResponses.choice(text.toString(), BedrockResponses.finishReason(stopReason))), usage);
    }

    static ProviderError broken(String message) {
        return new ProviderError(BedrockResponses.PROVIDER, 502, ErrorTypes.UPSTREAM_ERROR, null, message, true, null);
    }
}
