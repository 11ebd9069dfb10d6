package io.sluice.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * The mock's wire format, as pure functions: find the request's {@code "model"} and flags without
 * parsing the JSON tree, and render a fixed {@code chat.completion} with usage around it ({@link MockChunks}
 * renders the streamed form).
 */
final class MockCompletions {

    static final byte[] DEFAULT_MODEL = ascii("mock-upstream");
    static final String ANSWER = "pong";
    static final int PROMPT_TOKENS = 9;
    static final int COMPLETION_TOKENS = 1;

    private static final byte[] MODEL_KEY = ascii("\"model\"");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] PART_ID = ascii("{\"id\":\"chatcmpl-bench-");
    private static final byte[] PART_CREATED = ascii("\",\"object\":\"chat.completion\",\"created\":");
    private static final byte[] PART_MODEL = ascii(",\"model\":\"");
    private static final byte[] PART_REST = ascii("\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"" + ANSWER + "\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":" + PROMPT_TOKENS + ",\"completion_tokens\":" + COMPLETION_TOKENS
            + ",\"total_tokens\":" + (PROMPT_TOKENS + COMPLETION_TOKENS) + "}}");
    private static final int MAX_MODEL_BYTES = 256;

    private MockCompletions() {
    }

    /**
     * The raw bytes of the first {@code "model": "..."} string value (escapes kept as they are, so the
     * bytes can be written back inside a JSON string), or {@link #DEFAULT_MODEL} when there is none.
     * The buffer's reader index is not moved.
     */
    static byte[] model(ByteBuf json) {
        int end = json.writerIndex();
        int i = valueStart(json, MODEL_KEY, end);
        if (i < end && json.getByte(i) == '"') {
            byte[] value = stringBody(json, i + 1, end);
            return value != null ? value : DEFAULT_MODEL;
        }
        return DEFAULT_MODEL;
    }

    /**
     * Whether the first {@code "<key>":} in the body is followed by {@code true}: {@code "stream"} and
     * {@code "include_usage"} are the two the mock looks at. A byte scan, like {@link #model}: the first
     * occurrence of the quoted key followed by a colon counts, wherever it is nested.
     */
    static boolean flag(ByteBuf json, String key) {
        int end = json.writerIndex();
        int i = valueStart(json, ascii("\"" + key + "\""), end);
        return i <= end - TRUE.length && indexOf(json, TRUE, i, i + TRUE.length) == i;
    }

    /** The index of the first value after {@code quotedKey} and a colon, or {@code end} when there is none. */
    private static int valueStart(ByteBuf json, byte[] quotedKey, int end) {
        int key = indexOf(json, quotedKey, json.readerIndex(), end);
        while (key >= 0) {
            int i = skipSpaces(json, key + quotedKey.length, end);
            if (i < end && json.getByte(i) == ':') {
                return skipSpaces(json, i + 1, end);
            }
            key = indexOf(json, quotedKey, key + 1, end);
        }
        return end;
    }

    /** A complete chat.completion body; the caller owns (and the pipeline releases) the buffer. */
    static ByteBuf render(ByteBufAllocator alloc, long id, long createdEpochSeconds, byte[] model) {
        ByteBuf out = alloc.buffer(PART_ID.length + PART_CREATED.length + PART_MODEL.length + PART_REST.length
                + model.length + 40);
        out.writeBytes(PART_ID);
        ByteBufUtil.writeAscii(out, Long.toString(id));
        out.writeBytes(PART_CREATED);
        ByteBufUtil.writeAscii(out, Long.toString(createdEpochSeconds));
        out.writeBytes(PART_MODEL);
        out.writeBytes(model);
        out.writeBytes(PART_REST);
        return out;
    }

    private static byte[] stringBody(ByteBuf json, int start, int end) {
        for (int i = start; i < end && i - start <= MAX_MODEL_BYTES; i++) {
            byte b = json.getByte(i);
            if (b == '\\') {
                i++;
            } else if (b == '"') {
                byte[] value = new byte[i - start];
                json.getBytes(start, value);
                return value;
            } else if (b < 0x20 && b >= 0) {
                return null;
            }
        }
        return null;
    }

    private static int indexOf(ByteBuf haystack, byte[] needle, int from, int end) {
        outer:
        for (int i = from; i <= end - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int skipSpaces(ByteBuf json, int from, int end) {
        int i = from;
        while (i < end) {
            byte b = json.getByte(i);
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
