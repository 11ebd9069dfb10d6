package io.sluice.processors.provider.bedrock;

import static io.sluice.processors.provider.bedrock.EventStreamFrames.concat;
import static io.sluice.processors.provider.bedrock.EventStreamFrames.event;
import static io.sluice.processors.provider.bedrock.EventStreamFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.processors.provider.bedrock.EventStreamDecoder.MalformedFrameException;
import io.sluice.processors.provider.bedrock.EventStreamDecoder.Message;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The event-stream decoder on frames encoded in the test, fed in every kind of split. */
class EventStreamDecoderTest {
    private final EventStreamDecoder decoder = new EventStreamDecoder();
    private final List<Message> decoded = new ArrayList<>();

    private void feed(byte[] bytes, int from, int to) throws MalformedFrameException {
        decoder.feed(ByteBuffer.wrap(bytes, from, to - from), decoded::add);
    }

    private static String payload(Message message) {
        return new String(message.payload(), StandardCharsets.UTF_8);
    }

    @Test
    void decodesOneFrameWithItsHeadersAndPayload() throws Exception {
        byte[] bytes = event("contentBlockDelta", "{\"delta\":{\"text\":\"Hi\"}}");

        feed(bytes, 0, bytes.length);

        assertThat(decoded).singleElement().satisfies(message -> {
            assertThat(message.headers()).containsExactly(
                    Map.entry(":event-type", "contentBlockDelta"),
                    Map.entry(":content-type", "application/json"),
                    Map.entry(":message-type", "event"));
            assertThat(payload(message)).isEqualTo("{\"delta\":{\"text\":\"Hi\"}}");
        });
        assertThat(decoder.hasPartialFrame()).isFalse();
    }

    @Test
    void decodesTheSameFramesWhereverTheBytesAreSplit() throws Exception {
        byte[] stream = concat(EventStreamFrames.helloStream());
        List<String> expected = List.of("messageStart", "contentBlockDelta", "contentBlockDelta", "contentBlockStop",
                "messageStop", "metadata");

        for (int split = 1; split < stream.length; split++) {
            var oneSplit = new EventStreamDecoder();
            var frames = new ArrayList<Message>();
            oneSplit.feed(ByteBuffer.wrap(stream, 0, split), frames::add);
            oneSplit.feed(ByteBuffer.wrap(stream, split, stream.length - split), frames::add);
            assertThat(frames).as("split at %d", split)
                    .extracting(message -> message.header(":event-type")).isEqualTo(expected);
        }
    }

    @Test
    void decodesAStreamFedOneByteAtATimeAndInRandomPieces() throws Exception {
        byte[] stream = concat(EventStreamFrames.helloStream());
        for (int i = 0; i < stream.length; i++) {
            feed(stream, i, i + 1);
        }
        assertThat(decoded).hasSize(6);
        assertThat(payload(decoded.get(2))).contains("\" there.\"");

        var random = new Random(42);
        for (int round = 0; round < 50; round++) {
            var pieces = new EventStreamDecoder();
            var frames = new ArrayList<Message>();
            int at = 0;
            while (at < stream.length) {
                int next = Math.min(stream.length, at + 1 + random.nextInt(40));
                pieces.feed(ByteBuffer.wrap(stream, at, next - at), frames::add);
                at = next;
            }
            assertThat(frames).extracting(EventStreamDecoderTest::payload)
                    .isEqualTo(decoded.stream().map(EventStreamDecoderTest::payload).toList());
        }
    }

    @Test
    void waitsForTheRestOfAFrameAndSaysSoWhenTheBodyEndsEarly() throws Exception {
        byte[] bytes = event("messageStop", "{\"stopReason\":\"end_turn\"}");

        feed(bytes, 0, bytes.length - 1);

        assertThat(decoded).isEmpty();
        assertThat(decoder.hasPartialFrame()).isTrue();
        feed(bytes, bytes.length - 1, bytes.length);
        assertThat(decoded).hasSize(1);
        assertThat(decoder.hasPartialFrame()).isFalse();
    }

    @Test
    void rejectsAFrameWhoseMessageChecksumIsWrong() {
        byte[] bytes = event("contentBlockDelta", "{\"delta\":{\"text\":\"Hi\"}}");
        bytes[bytes.length - 8] ^= 0x01; // a payload bit flipped in transit

        assertThatThrownBy(() -> feed(bytes, 0, bytes.length))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("message checksum");
        assertThat(decoded).isEmpty();
    }

    @Test
    void rejectsAFrameWhosePreludeChecksumIsWrongBeforeWaitingForItsBody() {
        byte[] bytes = event("contentBlockDelta", "{\"delta\":{\"text\":\"Hi\"}}");
        bytes[3] ^= 0x10; // the total length, corrupted

        assertThatThrownBy(() -> feed(bytes, 0, 12))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("prelude checksum");
    }

    @Test
    void rejectsAFrameLargerThanTheLimitFromItsPreludeAlone() {
        // a valid prelude announcing a frame just over the limit
        ByteBuffer prelude = ByteBuffer.allocate(12);
        prelude.putInt(EventStreamDecoder.MAX_FRAME_BYTES + 1).putInt(0);
        var crc = new java.util.zip.CRC32();
        crc.update(prelude.array(), 0, 8);
        prelude.putInt((int) crc.getValue());

        assertThatThrownBy(() -> feed(prelude.array(), 0, 12))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("exceeds the limit");
    }

    @Test
    void rejectsHeadersLongerThanTheFrame() {
        ByteBuffer prelude = ByteBuffer.allocate(12);
        prelude.putInt(32).putInt(40);
        var crc = new java.util.zip.CRC32();
        crc.update(prelude.array(), 0, 8);
        prelude.putInt((int) crc.getValue());

        assertThatThrownBy(() -> feed(prelude.array(), 0, 12))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("inconsistent lengths");
    }

    @Test
    void aFailedDecoderStaysFailed() {
        byte[] bad = event("contentBlockDelta", "{}");
        bad[bad.length - 1] ^= 0x01;
        byte[] good = event("messageStop", "{}");

        assertThatThrownBy(() -> feed(bad, 0, bad.length)).isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> feed(good, 0, good.length)).isInstanceOf(MalformedFrameException.class);
        assertThat(decoded).isEmpty();
    }

    @Test
    void skipsHeadersOfOtherValueTypesAndKeepsTheStrings() throws Exception {
        var headers = new ByteArrayOutputStream();
        header(headers, "flag", 0, new byte[0]);                              // bool true
        header(headers, "count", 4, new byte[] {0, 0, 0, 7});                 // int32
        header(headers, "at", 8, new byte[8]);                                // timestamp
        header(headers, "blob", 6, new byte[] {0, 3, 1, 2, 3});               // bytes, 2-byte length
        header(headers, "id", 9, new byte[16]);                               // uuid
        header(headers, ":event-type", 7, new byte[] {0, 4, 'p', 'i', 'n', 'g'}); // string
        byte[] bytes = frame(headers.toByteArray(), "{}".getBytes(StandardCharsets.UTF_8));

        feed(bytes, 0, bytes.length);

        assertThat(decoded).singleElement()
                .satisfies(message -> assertThat(message.headers()).containsExactly(Map.entry(":event-type", "ping")));
    }

    @Test
    void decodesAFrameWithNoHeadersAndNoPayload() throws Exception {
        byte[] bytes = frame(new byte[0], new byte[0]);

        feed(bytes, 0, bytes.length);

        assertThat(bytes).hasSize(EventStreamDecoder.MIN_FRAME_BYTES);
        assertThat(decoded).singleElement().satisfies(message -> {
            assertThat(message.headers()).isEmpty();
            assertThat(message.payload()).isEmpty();
        });
    }

    @Test
    void growsItsBufferForFramesLargerThanItStartedWith() throws Exception {
        String big = "x".repeat(100_000);
        byte[] bytes = concat(event("contentBlockDelta", "{\"delta\":{\"text\":\"" + big + "\"}}"),
                event("messageStop", "{}"));

        for (int at = 0; at < bytes.length; at += 1000) {
            feed(bytes, at, Math.min(bytes.length, at + 1000));
        }

        assertThat(decoded).hasSize(2);
        assertThat(payload(decoded.get(0))).contains(big);
    }

    private static void header(ByteArrayOutputStream out, String name, int type, byte[] value) {
        out.write(name.length());
        out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        out.write(type);
        out.writeBytes(value);
    }
}
