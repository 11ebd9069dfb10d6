package io.sluice.processors.provider.bedrock;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/** Encodes event-stream frames for tests, written from the framing spec, independent of the decoder. */
final class EventStreamFrames {

    private EventStreamFrames() {}

    /** A frame with string headers (type 7) and the payload. */
    static byte[] frame(Map<String, String> headers, byte[] payload) {
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
        return frame(encoded.toByteArray(), payload);
    }

    /** A frame with headers already encoded (to test other value types). */
    static byte[] frame(byte[] headers, byte[] payload) {
        int total = 12 + headers.length + payload.length + 4;
        ByteBuffer frame = ByteBuffer.allocate(total);
        frame.putInt(total).putInt(headers.length);
        frame.putInt((int) crc(frame.array(), 0, 8));
        frame.put(headers).put(payload);
        frame.putInt((int) crc(frame.array(), 0, total - 4));
        return frame.array();
    }

    /** A Bedrock event: {@code :message-type event}, its {@code :event-type}, JSON content. */
    static byte[] event(String eventType, String json) {
        var headers = new LinkedHashMap<String, String>();
        headers.put(":event-type", eventType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "event");
        return frame(headers, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A Bedrock exception: {@code :message-type exception} and its {@code :exception-type}. */
    static byte[] exception(String exceptionType, String json) {
        var headers = new LinkedHashMap<String, String>();
        headers.put(":exception-type", exceptionType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "exception");
        return frame(headers, json.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] concat(byte[]... frames) {
        var out = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    /** A whole ConverseStream answer: "Hello", " there." and its stop and usage. */
    static byte[][] helloStream() {
        return new byte[][] {
            event("messageStart", "{\"p\":\"abcd\",\"role\":\"assistant\"}"),
            event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hello\"},\"p\":\"abcdef\"}"),
            event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\" there.\"},\"p\":\"ab\"}"),
            event("contentBlockStop", "{\"contentBlockIndex\":0,\"p\":\"abcdefgh\"}"),
            event("messageStop", "{\"p\":\"abc\",\"stopReason\":\"end_turn\"}"),
            event("metadata", "{\"metrics\":{\"latencyMs\":312},\"p\":\"ab\","
                    + "\"usage\":{\"inputTokens\":9,\"outputTokens\":3,\"totalTokens\":12}}"),
        };
    }

    private static long crc(byte[] bytes, int from, int length) {
        var crc = new CRC32();
        crc.update(bytes, from, length);
        return crc.getValue();
    }
}
