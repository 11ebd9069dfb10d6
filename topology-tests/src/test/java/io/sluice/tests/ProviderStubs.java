package io.sluice.tests;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * What each provider answers on the wire, as its API reference shows it, for {@link RecordingUpstream}:
 * one whole answer and one streamed answer per provider, chosen by what the request asks for. Each
 * answer says {@link Answer#text} in the pieces of {@link Answer#pieces} and counts
 * {@link Answer#promptTokens} and {@link Answer#completionTokens}, so that a test can tell which
 * upstream answered and check that the usage came through exactly.
 */
final class ProviderStubs {

    private ProviderStubs() {}

    /** What one stub says: its text, streamed in these pieces, and its token counts. */
    record Answer(String responseModel, List<String> pieces, int promptTokens, int completionTokens) {
        String text() {
            return String.join("", pieces);
        }

        int totalTokens() {
            return promptTokens + completionTokens;
        }
    }

    /**
     * OpenAI's chat completions (also Ollama's and vLLM's {@code /v1}): a {@code chat.completion},
     * or, for {@code "stream": true}, chunks (a role chunk, the pieces, a finish chunk, the usage
     * chunk when {@code stream_options.include_usage} asks for it) and {@code [DONE]}. With
     * {@code azureAnnotations}, the stream starts as Azure's does: a content-filter annotation with a
     * blank model and no choices.
     */
    static RecordingUpstream.Responder openAi(Answer answer, boolean azureAnnotations) {
        return (request, exchange) -> {
            var body = request.json();
            String usage = "{\"prompt_tokens\":" + answer.promptTokens() + ",\"completion_tokens\":"
                    + answer.completionTokens() + ",\"total_tokens\":" + answer.totalTokens() + "}";
            if (!body.path("stream").asBoolean(false)) {
                RecordingUpstream.json(exchange, 200, Map.of(), "{\"id\":\"chatcmpl-stub-1\",\"object\":\"chat.completion\","
                        + "\"created\":1764417600,\"model\":\"" + answer.responseModel() + "\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"" + answer.text() + "\"},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":" + usage + "}");
                return;
            }
            String head = "{\"id\":\"chatcmpl-stub-2\",\"object\":\"chat.completion.chunk\",\"created\":1764417600,"
                    + "\"model\":\"" + answer.responseModel() + "\",";
            var events = new ArrayList<String>();
            if (azureAnnotations) {
                events.add("{\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\","
                        + "\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":"
                        + "{\"hate\":{\"filtered\":false,\"severity\":\"safe\"}}}]}");
            }
            events.add(head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                    + "\"finish_reason\":null}]}");
            for (String piece : answer.pieces()) {
                events.add(head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + piece + "\"},"
                        + "\"finish_reason\":null}]}");
            }
            events.add(head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
            if (body.at("/stream_options/include_usage").asBoolean(false)) {
                events.add(head + "\"choices\":[],\"usage\":" + usage + "}");
            }
            events.add("[DONE]");
            RecordingUpstream.events(exchange, Map.of(), events.stream().map(e -> "data: " + e + "\n\n").toList());
        };
    }

    /**
     * Anthropic's Messages API: a {@code message}, or, for {@code "stream": true}, the named events
     * from {@code message_start} to {@code message_stop}, with a {@code ping} among them.
     */
    static RecordingUpstream.Responder anthropic(Answer answer) {
        return (request, exchange) -> {
            if (!request.json().path("stream").asBoolean(false)) {
                RecordingUpstream.json(exchange, 200, Map.of("request-id", "req_stub_1"), "{\"id\":\"msg_stub_1\","
                        + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\""
                        + answer.text() + "\"}],\"model\":\"" + answer.responseModel() + "\",\"stop_reason\":\"end_turn\","
                        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + answer.promptTokens()
                        + ",\"output_tokens\":" + answer.completionTokens() + "}}");
                return;
            }
            var events = new ArrayList<String>();
            events.add(sse("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_stub_2\","
                    + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"" + answer.responseModel()
                    + "\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":"
                    + answer.promptTokens() + ",\"output_tokens\":1}}}"));
            events.add(sse("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
            events.add(sse("ping", "{\"type\":\"ping\"}"));
            for (String piece : answer.pieces()) {
                events.add(sse("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + piece + "\"}}"));
            }
            events.add(sse("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
            events.add(sse("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + answer.completionTokens() + "}}"));
            events.add(sse("message_stop", "{\"type\":\"message_stop\"}"));
            RecordingUpstream.events(exchange, Map.of(), events);
        };
    }

    /**
     * Bedrock Runtime: Converse ({@code .../converse}) answers JSON; ConverseStream
     * ({@code .../converse-stream}) answers AWS's binary event stream, written here in pieces that
     * cut frames anywhere, as a network may.
     */
    static RecordingUpstream.Responder bedrock(Answer answer) {
        return (request, exchange) -> {
            String usage = "{\"inputTokens\":" + answer.promptTokens() + ",\"outputTokens\":" + answer.completionTokens()
                    + ",\"totalTokens\":" + answer.totalTokens() + "}";
            if (request.path().endsWith("/converse")) {
                RecordingUpstream.json(exchange, 200, Map.of("x-amzn-RequestId", "req-bedrock-1"),
                        "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"" + answer.text()
                                + "\"}]}},\"stopReason\":\"end_turn\",\"usage\":" + usage + ",\"metrics\":{\"latencyMs\":312}}");
                return;
            }
            var frames = new ByteArrayOutputStream();
            frames.writeBytes(bedrockEvent("messageStart", "{\"p\":\"abcd\",\"role\":\"assistant\"}"));
            for (String piece : answer.pieces()) {
                frames.writeBytes(bedrockEvent("contentBlockDelta",
                        "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"" + piece + "\"},\"p\":\"abcdef\"}"));
            }
            frames.writeBytes(bedrockEvent("contentBlockStop", "{\"contentBlockIndex\":0,\"p\":\"abcdefgh\"}"));
            frames.writeBytes(bedrockEvent("messageStop", "{\"p\":\"abc\",\"stopReason\":\"end_turn\"}"));
            frames.writeBytes(bedrockEvent("metadata", "{\"metrics\":{\"latencyMs\":312},\"p\":\"ab\",\"usage\":" + usage + "}"));
            byte[] all = frames.toByteArray();
            RecordingUpstream.startStream(exchange, "application/vnd.amazon.eventstream",
                    Map.of("x-amzn-RequestId", "req-bedrock-2"));
            for (int at = 0; at < all.length; at += 37) {
                RecordingUpstream.flush(exchange, Arrays.copyOfRange(all, at, Math.min(all.length, at + 37)));
            }
        };
    }

    /**
     * OCI Generative AI's chat action in the generic format: a {@code ChatResult}, or, for
     * {@code chatRequest.isStream}, server-sent events with the pieces, the finish and the usage.
     */
    static RecordingUpstream.Responder oci(Answer answer) {
        return (request, exchange) -> {
            String usage = "{\"completionTokens\":" + answer.completionTokens() + ",\"promptTokens\":"
                    + answer.promptTokens() + ",\"totalTokens\":" + answer.totalTokens() + "}";
            if (!request.json().at("/chatRequest/isStream").asBoolean(false)) {
                RecordingUpstream.json(exchange, 200, Map.of("opc-request-id", "req-oci-1"), "{\"modelId\":\""
                        + answer.responseModel() + "\",\"modelVersion\":\"1.0.0\",\"chatResponse\":{\"apiFormat\":"
                        + "\"GENERIC\",\"timeCreated\":\"2025-01-02T03:04:05.678Z\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"ASSISTANT\",\"content\":[{\"type\":\"TEXT\",\"text\":\""
                        + answer.text() + "\"}]},\"finishReason\":\"stop\",\"logprobs\":{}}],\"usage\":" + usage + "}}");
                return;
            }
            var events = new ArrayList<String>();
            for (String piece : answer.pieces()) {
                events.add("data: {\"index\":0,\"message\":{\"role\":\"ASSISTANT\",\"content\":[{\"type\":\"TEXT\","
                        + "\"text\":\"" + piece + "\"}]}}\n\n");
            }
            events.add("data: {\"message\":{\"role\":\"ASSISTANT\"},\"finishReason\":\"stop\"}\n\n");
            events.add("data: {\"usage\":" + usage + "}\n\n");
            RecordingUpstream.events(exchange, Map.of("opc-request-id", "req-oci-2"), events);
        };
    }

    private static String sse(String event, String json) {
        return "event: " + event + "\ndata: " + json + "\n\n";
    }

    /** A Bedrock event frame: {@code :event-type}, {@code :content-type}, {@code :message-type event}, JSON payload. */
    static byte[] bedrockEvent(String eventType, String json) {
        var headers = new LinkedHashMap<String, String>();
        headers.put(":event-type", eventType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "event");
        return eventStreamFrame(headers, json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One frame of AWS's event stream encoding: total length, headers length and the CRC32 of those
     * eight bytes; the headers (name length, name, type 7 = string, value length, value); the
     * payload; the CRC32 of everything before it.
     */
    static byte[] eventStreamFrame(Map<String, String> headers, byte[] payload) {
        var encoded = new ByteArrayOutputStream();
        headers.forEach((name, value) -> {
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
            encoded.write(nameBytes.length);
            encoded.writeBytes(nameBytes);
            encoded.write(7);
            encoded.write(valueBytes.length >> 8);
            encoded.write(valueBytes.length & 0xff);
            encoded.writeBytes(valueBytes);
        });
        byte[] headerBytes = encoded.toByteArray();
        int total = 12 + headerBytes.length + payload.length + 4;
        ByteBuffer frame = ByteBuffer.allocate(total);
        frame.putInt(total).putInt(headerBytes.length);
        frame.putInt((int) crc32(frame.array(), 8));
        frame.put(headerBytes).put(payload);
        frame.putInt((int) crc32(frame.array(), total - 4));
        return frame.array();
    }

    private static long crc32(byte[] bytes, int length) {
        var crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }
}
