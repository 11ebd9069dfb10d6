package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    private static final String ROLE = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n";
    private static final String TOKEN = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"content\":\"pong \"},\"finish_reason\":null}]}\n\n";
    private static final String FINISH = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
            + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
    private static final String DONE = "data: [DONE]\n\n";

    @Test
    void theFirstTokenIsTheFirstEventWithContentNotTheRoleChunk() {
        // given a reader, and a role chunk with empty content at t=100 before two tokens at t=250 and t=300
        SseReader reader = new SseReader();

        // when
        feed(reader, ROLE, 100);
        feed(reader, TOKEN, 250);
        feed(reader, TOKEN + FINISH + DONE, 300);

        // then the first token is the one at 250, both tokens count, and the stream is complete
        StreamOutcome outcome = reader.outcome();
        assertThat(outcome.firstContentNanos()).isEqualTo(250);
        assertThat(outcome.contentChunks()).isEqualTo(2);
        assertThat(outcome.done()).isTrue();
        assertThat(outcome.complete()).isTrue();
    }

    @Test
    void anEventCutAcrossReadsIsTimedByItsFirstByte() {
        // given the first token's event split in three reads: 10, 20 and 30 ns
        SseReader reader = new SseReader();
        String event = TOKEN;

        // when
        feed(reader, event.substring(0, 3), 10);
        feed(reader, event.substring(3, event.length() - 1), 20);
        feed(reader, event.substring(event.length() - 1) + DONE, 30);

        // then it is timed when "dat" arrived, not when the blank line did
        assertThat(reader.outcome().firstContentNanos()).isEqualTo(10);
        assertThat(reader.outcome().complete()).isTrue();
    }

    @Test
    void aMockStreamCutAtEveryByteGivesTheSameResult() {
        // given a whole stream from the mock's renderer: role, 20 tokens, finish, usage, [DONE]
        byte[] stream = mockStream(20, true);

        // when it arrives one byte per read, the byte at index i at time 1000 + i
        SseReader reader = new SseReader();
        for (int i = 0; i < stream.length; i++) {
            reader.feed(Unpooled.wrappedBuffer(stream, i, 1), 1000 + i);
        }

        // then 20 content chunks, [DONE], and the first token timed at the first byte after the role chunk
        StreamOutcome outcome = reader.outcome();
        int firstTokenAt = indexOf(stream, "data:", indexOf(stream, "\"role\"", 0));
        assertThat(outcome.contentChunks()).isEqualTo(20);
        assertThat(outcome.done()).isTrue();
        assertThat(outcome.errorEvent()).isFalse();
        assertThat(outcome.firstContentNanos()).isEqualTo(1000 + firstTokenAt);
    }

    @Test
    void crlfAndCrLineEndsCommentsAndMultiLineDataAreServerSentEvents() {
        // given events with CRLF, CR, a comment, an id field, and data split over two lines
        SseReader reader = new SseReader();
        String body = ": keep-alive\r\n\r\n"
                + "id: 1\r\ndata: {\"choices\":[{\"delta\":\r\ndata: {\"content\":\"a\"}}]}\r\n\r\n"
                + "data:{\"choices\":[{\"delta\":{\"content\":\"b\"}}]}\r\r"
                + "data: [DONE]\r\n\r\n";

        // when
        feed(reader, body, 5);

        // then both content events count (the second without a space after "data:"), and [DONE] came
        assertThat(reader.outcome().contentChunks()).isEqualTo(2);
        assertThat(reader.outcome().done()).isTrue();
    }

    @Test
    void aStreamThatEndsWithoutDoneIsNotComplete() {
        // given tokens and a [DONE] that the body cuts off before its blank line
        SseReader reader = new SseReader();

        // when
        feed(reader, ROLE + TOKEN + "data: [DONE]\n", 1);

        // then the stream is lost even though content came
        assertThat(reader.outcome().contentChunks()).isEqualTo(1);
        assertThat(reader.outcome().done()).isFalse();
        assertThat(reader.outcome().complete()).isFalse();
    }

    @Test
    void anErrorEventBreaksTheStreamEvenIfDoneFollows() {
        // given Sluice's error event after a token (an "error" key with a non-null value)
        SseReader reader = new SseReader();

        // when
        feed(reader, TOKEN + "data: {\"error\":{\"message\":\"upstream failed\",\"type\":\"upstream_error\"}}\n\n" + DONE, 1);

        // then
        assertThat(reader.outcome().errorEvent()).isTrue();
        assertThat(reader.outcome().complete()).isFalse();
    }

    @Test
    void nullOrEmptyContentAndQuotedKeysInsideStringsAreNotContent() {
        // given chunks whose content is null or empty, one whose text only mentions "content", and "error": null
        SseReader reader = new SseReader();
        String nullContent = "data: {\"choices\":[{\"delta\":{\"content\":null}}]}\n\n";
        String emptyContent = "data: {\"choices\":[{\"delta\":{\"content\" : \"\"}}]}\n\n";
        String mention = "data: {\"model\":\"say \\\"content\\\":\\\"x\\\"\",\"choices\":[{\"delta\":{}}],\"error\":null}\n\n";
        String quotedKey = "data: {\"choices\":[{\"delta\":{}}],\"\\\"content\":\"x\"}\n\n";

        // when
        feed(reader, nullContent + emptyContent + mention + quotedKey + DONE, 1);

        // then no content arrived, so the stream does not count even with [DONE]
        StreamOutcome outcome = reader.outcome();
        assertThat(outcome.contentChunks()).isZero();
        assertThat(outcome.firstContentNanos()).isEqualTo(StreamOutcome.NO_CONTENT);
        assertThat(outcome.errorEvent()).isFalse();
        assertThat(outcome.done()).isTrue();
        assertThat(outcome.complete()).isFalse();
    }

    @Test
    void resetForgetsThePreviousResponseAndAHalfLine() {
        // given a reader that read a complete stream and then half of an event
        SseReader reader = new SseReader();
        feed(reader, TOKEN + DONE + "data: {\"choices\":[{\"delta\":{\"content\":\"x", 1);

        // when it is reset and reads a stream with one token at t=50
        reader.reset();
        feed(reader, "\"}}]}\n\n", 40);
        feed(reader, TOKEN, 50);

        // then only the new stream counts
        assertThat(reader.outcome().contentChunks()).isEqualTo(1);
        assertThat(reader.outcome().firstContentNanos()).isEqualTo(50);
        assertThat(reader.outcome().done()).isFalse();
    }

    @Test
    void theBodyIsReadNotConsumed() {
        ByteBuf body = Unpooled.copiedBuffer(TOKEN, StandardCharsets.UTF_8);
        new SseReader().feed(body, 1);
        assertThat(body.readerIndex()).isZero();
    }

    /** The bytes MockStream writes for one stream, from the same renderer. */
    static byte[] mockStream(int tokens, boolean includeUsage) {
        byte[] head = MockChunks.head(7, 1_700_000_000L, "bench-model".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        append(out, MockChunks.role(ByteBufAllocator.DEFAULT, head, includeUsage));
        for (int i = 0; i < tokens; i++) {
            append(out, MockChunks.token(ByteBufAllocator.DEFAULT, head, includeUsage));
        }
        append(out, MockChunks.finish(ByteBufAllocator.DEFAULT, head, includeUsage));
        if (includeUsage) {
            append(out, MockChunks.usage(ByteBufAllocator.DEFAULT, head, tokens));
        }
        append(out, MockChunks.done(ByteBufAllocator.DEFAULT));
        return out.toByteArray();
    }

    private static void append(ByteArrayOutputStream out, ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        out.writeBytes(bytes);
    }

    private static int indexOf(byte[] bytes, String needle, int from) {
        return new String(bytes, StandardCharsets.US_ASCII).indexOf(needle, from);
    }

    private static void feed(SseReader reader, String text, long nowNanos) {
        reader.feed(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), nowNanos);
    }
}
