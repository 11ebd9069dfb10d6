package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MockCompletionsTest {

    @Test
    void theCompletionNamesTheRequestedModelAndCarriesUsage() {
        // given a request whose prompt also mentions "model"
        ByteBuf request = utf8("{\"messages\":[{\"role\":\"user\",\"content\":\"the \\\"model\\\": x\"}],"
                + "\"model\" : \"bench-\\\"q\\\"\"}");

        // when
        ByteBuf body = MockCompletions.render(ByteBufAllocator.DEFAULT, 7, 1_700_000_000L,
                MockCompletions.model(request));
        String json = body.toString(StandardCharsets.UTF_8);
        body.release();

        // then the model is the key's value, escapes intact, and the answer is a chat.completion with usage
        assertThat(json).contains("\"model\":\"bench-\\\"q\\\"\"")
                .contains("\"object\":\"chat.completion\"")
                .contains("\"id\":\"chatcmpl-bench-7\"")
                .contains("\"content\":\"pong\"")
                .contains("\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1,\"total_tokens\":10}");
        assertThat(request.readerIndex()).isZero();
    }

    @Test
    void aRequestWithoutModelGetsTheDefaultOne() {
        assertThat(MockCompletions.model(utf8("{\"messages\":[]}"))).isEqualTo(MockCompletions.DEFAULT_MODEL);
        assertThat(MockCompletions.model(utf8("{\"model\": 42}"))).isEqualTo(MockCompletions.DEFAULT_MODEL);
        assertThat(MockCompletions.model(utf8("{\"model\": \"unterminated"))).isEqualTo(MockCompletions.DEFAULT_MODEL);
    }

    @Test
    void theStreamFlagsAreReadFromTheirKeys() {
        // given the body the openai provider sends for a stream, and bodies that do not stream
        ByteBuf streamed = utf8("{\"model\":\"m\",\"messages\":[],\"stream\" : true,"
                + "\"stream_options\":{\"include_usage\":true}}");
        ByteBuf notStreamed = utf8("{\"model\":\"m\",\"messages\":[{\"content\":\"\\\"stream\\\": true\"}],\"stream\":false}");

        // then
        assertThat(MockCompletions.flag(streamed, "stream")).isTrue();
        assertThat(MockCompletions.flag(streamed, "include_usage")).isTrue();
        assertThat(MockCompletions.flag(notStreamed, "stream")).isFalse();
        assertThat(MockCompletions.flag(notStreamed, "include_usage")).isFalse();
        assertThat(MockCompletions.flag(utf8("{\"stream\":"), "stream")).isFalse();
    }

    @Test
    void aStreamIsOpenAiChunksWithUsageAndDone() {
        // when the mock renders a stream of 3 tokens with usage asked for
        String stream = new String(SseReaderTest.mockStream(3, true), StandardCharsets.US_ASCII);
        String[] events = stream.split("\n\n");

        // then: role, 3 tokens, finish, usage, [DONE], each a data: event
        assertThat(events).hasSize(7).allMatch(e -> e.startsWith("data: "));
        assertThat(events[0]).contains("\"object\":\"chat.completion.chunk\"", "\"model\":\"bench-model\"",
                "\"delta\":{\"role\":\"assistant\",\"content\":\"\"", "\"usage\":null}");
        assertThat(events[1]).contains("\"delta\":{\"content\":\"pong \"}", "\"finish_reason\":null");
        assertThat(events[4]).contains("\"delta\":{}", "\"finish_reason\":\"stop\"");
        assertThat(events[5]).contains("\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,"
                + "\"total_tokens\":12}}");
        assertThat(events[6]).isEqualTo("data: [DONE]");
        assertThat(stream).endsWith("\n\n");
    }

    @Test
    void withoutUsageAskedForTheStreamHasNoUsage() {
        String stream = new String(SseReaderTest.mockStream(2, false), StandardCharsets.US_ASCII);
        assertThat(stream).doesNotContain("usage").contains("data: [DONE]\n\n");
    }

    private static ByteBuf utf8(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }
}
