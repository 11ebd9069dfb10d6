package io.sluice.processors.provider.bedrock;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * An incremental decoder of AWS's binary event-stream framing ({@code application/vnd.amazon.eventstream}),
 * fed bytes in whatever pieces the network delivers. A frame is
 * <pre>
 *   total length (4) | headers length (4) | prelude CRC32 (4) | headers | payload | message CRC32 (4)
 * </pre>
 * with big-endian lengths and CRC32 (IEEE), the prelude CRC over the first 8 bytes and the message
 * CRC over everything before it. A header is a 1-byte name length, the name, a 1-byte value type
 * and the value; only string values (type 7) are kept, the others are skipped.
 *
 * <p>Both CRCs are verified; a frame longer than {@link #MAX_FRAME_BYTES} is rejected from its
 * prelude alone, before it is buffered. After a {@link MalformedFrameException} the decoder is
 * unusable: the stream cannot be resynchronised. Not thread-safe.
 */
final class EventStreamDecoder {
    /** The largest frame accepted; Bedrock's events (text deltas, usage) are far smaller. */
    static final int MAX_FRAME_BYTES = 4 * 1024 * 1024;

    static final int PRELUDE_BYTES = 12;
    static final int MIN_FRAME_BYTES = PRELUDE_BYTES + 4;

    /** One decoded frame: its string headers and its payload. */
    record Message(Map<String, String> headers, byte[] payload) {
        String header(String name) {
            return headers.get(name);
        }
    }

    /** The bytes are not a valid event stream. The message says why and never echoes the bytes. */
    static final class MalformedFrameException extends Exception {
        MalformedFrameException(String message) {
            super(message);
        }
    }

    private byte[] buffer = new byte[8 * 1024];
    private int start;
    private int end;
    private boolean failed;

    /** Takes the next bytes and hands every frame they complete to {@code frames}, in order. */
    void feed(ByteBuffer bytes, Consumer<Message> frames) throws MalformedFrameException {
        if (failed) {
            throw new MalformedFrameException("the event stream was already malformed");
        }
        append(bytes);
        try {
            Message message;
            while ((message = next()) != null) {
                frames.accept(message);
            }
        } catch (MalformedFrameException e) {
            failed = true;
            throw e;
        }
    }

    /** Whether bytes of an unfinished frame are waiting: a body that ends now was cut short. */
    boolean hasPartialFrame() {
        return end > start;
    }

    private void append(ByteBuffer bytes) {
        int length = bytes.remaining();
        if (end + length > buffer.length) {
            int live = end - start;
            if (live + length <= buffer.length) {
                System.arraycopy(buffer, start, buffer, 0, live);
            } else {
                byte[] larger = new byte[Math.max(buffer.length * 2, live + length)];
                System.arraycopy(buffer, start, larger, 0, live);
                buffer = larger;
            }
            start = 0;
            end = live;
        }
        bytes.get(buffer, end, length);
        end += length;
    }

    private Message next() throws MalformedFrameException {
        int available = end - start;
        if (available < PRELUDE_BYTES) {
            return null;
        }
        long total = readUint32(start);
        long headersLength = readUint32(start + 4);
        long preludeCrc = readUint32(start + 8);
        if (crc(start, 8) != preludeCrc) {
            throw new MalformedFrameException("an event-stream frame has a wrong prelude checksum");
        }
        if (total > MAX_FRAME_BYTES) {
            throw new MalformedFrameException("an event-stream frame of " + total + " bytes exceeds the limit of "
                    + MAX_FRAME_BYTES);
        }
        if (total < MIN_FRAME_BYTES || headersLength > total - MIN_FRAME_BYTES) {
            throw new MalformedFrameException("an event-stream frame has inconsistent lengths");
        }
        int frameLength = (int) total;
        if (available < frameLength) {
            return null;
        }
        long messageCrc = readUint32(start + frameLength - 4);
        if (crc(start, frameLength - 4) != messageCrc) {
            throw new MalformedFrameException("an event-stream frame has a wrong message checksum");
        }
        int headersStart = start + PRELUDE_BYTES;
        int payloadStart = headersStart + (int) headersLength;
        Map<String, String> headers = headers(headersStart, payloadStart);
        byte[] payload = Arrays.copyOfRange(buffer, payloadStart, start + frameLength - 4);
        start += frameLength;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return new Message(headers, payload);
    }

    private Map<String, String> headers(int from, int to) throws MalformedFrameException {
        var headers = new LinkedHashMap<String, String>();
        int at = from;
        while (at < to) {
            int nameLength = buffer[at++] & 0xff;
            require(at + nameLength + 1 <= to);
            String name = new String(buffer, at, nameLength, StandardCharsets.UTF_8);
            at += nameLength;
            int type = buffer[at++] & 0xff;
            int valueLength;
            switch (type) {
                case 0, 1 -> valueLength = 0;           // boolean true, false
                case 2 -> valueLength = 1;              // byte
                case 3 -> valueLength = 2;              // short
                case 4 -> valueLength = 4;              // integer
                case 5, 8 -> valueLength = 8;           // long, timestamp
                case 9 -> valueLength = 16;             // uuid
                case 6, 7 -> {                          // byte array, string: 2-byte length first
                    require(at + 2 <= to);
                    valueLength = ((buffer[at] & 0xff) << 8) | (buffer[at + 1] & 0xff);
                    at += 2;
                }
                default -> throw new MalformedFrameException("an event-stream header has an unknown value type " + type);
            }
            require(at + valueLength <= to);
            if (type == 7) {
                headers.put(name, new String(buffer, at, valueLength, StandardCharsets.UTF_8));
            }
            at += valueLength;
        }
        return headers;
    }

    private static void require(boolean fits) throws MalformedFrameException {
        if (!fits) {
            throw new MalformedFrameException("an event-stream header runs past the headers section");
        }
    }

    private long readUint32(int at) {
        return ((long) (buffer[at] & 0xff) << 24) | ((buffer[at + 1] & 0xff) << 16)
                | ((buffer[at + 2] & 0xff) << 8) | (buffer[at + 3] & 0xff);
    }

    private long crc(int from, int length) {
        var crc = new CRC32();
        crc.update(buffer, from, length);
        return crc.getValue();
    }
}
