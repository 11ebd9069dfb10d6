package io.sluice.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one streamed chat completion as it arrives, a piece of body at a time: splits server-sent events
 * (lines end with LF, CRLF or CR; a blank line ends an event; {@code data:} lines are joined with LF; other
 * fields and comments are skipped; an event the body cuts off is dropped), and classifies each event's data:
 * {@code [DONE]}, an error ({@code "error"} with a non-null value), or a chunk with content (a
 * {@code "content"} key whose value is a non-empty string). The time of an event is when its first byte was
 * fed, so the time to first token does not depend on how the body was cut into reads.
 *
 * <p>A byte scan, not a JSON parser, like the mock's {@link MockCompletions#model}: a key counts where its
 * opening quote is not escaped, which is enough for the chunks OpenAI, the mock and Sluice write. Not
 * thread-safe: one per connection, {@link #reset} before every request.
 */
final class SseReader {

    /** An event with more data than this ends the stream as an error (the bench's bound, not the protocol's). */
    static final int MAX_EVENT_BYTES = 1 << 20;

    private static final byte[] DATA_FIELD = ascii("data:");
    private static final byte[] DONE = ascii("[DONE]");
    private static final byte[] CONTENT_KEY = ascii("\"content\"");
    private static final byte[] ERROR_KEY = ascii("\"error\"");
    private static final byte[] NULL = ascii("null");

    private byte[] line = new byte[512];
    private int lineLength;
    private byte[] data = new byte[512];
    private int dataLength;
    private boolean hasData;
    private boolean afterCr;
    private boolean inEvent;
    private long eventStartNanos;
    private long firstContentNanos;
    private int contentChunks;
    private boolean done;
    private boolean errorEvent;

    SseReader() {
        reset();
    }

    /** Forgets the previous response. */
    void reset() {
        lineLength = 0;
        dataLength = 0;
        hasData = false;
        afterCr = false;
        inEvent = false;
        firstContentNanos = StreamOutcome.NO_CONTENT;
        contentChunks = 0;
        done = false;
        errorEvent = false;
    }

    /** The readable bytes of {@code body} (not consumed), which arrived at {@code nowNanos}. */
    void feed(ByteBuf body, long nowNanos) {
        for (int i = body.readerIndex(), end = body.writerIndex(); i < end; i++) {
            byte b = body.getByte(i);
            if (b == '\n' && afterCr) {
                afterCr = false;
                continue;
            }
            afterCr = b == '\r';
            if (b == '\n' || b == '\r') {
                endLine();
                continue;
            }
            if (!inEvent) {
                inEvent = true;
                eventStartNanos = nowNanos;
            }
            if (lineLength == line.length) {
                line = grow(line);
            }
            line[lineLength++] = b;
        }
    }

    /** What the response said so far; an event without its closing blank line does not count. */
    StreamOutcome outcome() {
        return new StreamOutcome(firstContentNanos, contentChunks, done, errorEvent);
    }

    private void endLine() {
        if (lineLength == 0) {
            dispatch();
            return;
        }
        if (startsWith(line, lineLength, DATA_FIELD)) {
            int from = DATA_FIELD.length;
            if (from < lineLength && line[from] == ' ') {
                from++;
            }
            appendData(from);
        }
        lineLength = 0;
    }

    private void appendData(int from) {
        int length = lineLength - from;
        int needed = dataLength + (hasData ? 1 : 0) + length;
        if (needed > MAX_EVENT_BYTES) {
            errorEvent = true;
            return;
        }
        if (needed > data.length) {
            data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
        }
        if (hasData) {
            data[dataLength++] = '\n';
        }
        System.arraycopy(line, from, data, dataLength, length);
        dataLength += length;
        hasData = true;
    }

    private void dispatch() {
        if (hasData) {
            classify();
        }
        dataLength = 0;
        hasData = false;
        inEvent = false;
    }

    private void classify() {
        int start = 0;
        int end = dataLength;
        while (start < end && isSpace(data[start])) {
            start++;
        }
        while (end > start && isSpace(data[end - 1])) {
            end--;
        }
        if (end - start == DONE.length && Arrays.equals(data, start, end, DONE, 0, DONE.length)) {
            done = true;
            return;
        }
        int error = valueAfterKey(ERROR_KEY);
        if (error >= 0 && !startsWithAt(error, NULL)) {
            errorEvent = true;
            return;
        }
        int content = valueAfterKey(CONTENT_KEY);
        if (content >= 0 && content + 1 < dataLength && data[content] == '"' && data[content + 1] != '"') {
            contentChunks++;
            if (firstContentNanos == StreamOutcome.NO_CONTENT) {
                firstContentNanos = eventStartNanos;
            }
        }
    }

    /** Where the value of the first unescaped {@code quotedKey} followed by a colon starts, or -1. */
    private int valueAfterKey(byte[] quotedKey) {
        for (int at = indexOf(quotedKey, 0); at >= 0; at = indexOf(quotedKey, at + 1)) {
            if (escaped(at)) {
                continue;
            }
            int i = skipSpaces(at + quotedKey.length);
            if (i < dataLength && data[i] == ':') {
                return skipSpaces(i + 1);
            }
        }
        return -1;
    }

    /** Whether the quote at {@code quote} follows an odd number of backslashes (so it is inside a string). */
    private boolean escaped(int quote) {
        int backslashes = 0;
        for (int i = quote - 1; i >= 0 && data[i] == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private int indexOf(byte[] needle, int from) {
        outer:
        for (int i = from; i <= dataLength - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private boolean startsWithAt(int at, byte[] prefix) {
        return at + prefix.length <= dataLength && Arrays.equals(data, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private int skipSpaces(int from) {
        int i = from;
        while (i < dataLength && isSpace(data[i])) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static boolean startsWith(byte[] bytes, int length, byte[] prefix) {
        return length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Lines may be long (one event's JSON), but not without bound. */
    private byte[] grow(byte[] bytes) {
        if (bytes.length >= MAX_EVENT_BYTES) {
            errorEvent = true;
            lineLength = 0;
            return bytes;
        }
        return Arrays.copyOf(bytes, Math.min(MAX_EVENT_BYTES, bytes.length * 2));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
