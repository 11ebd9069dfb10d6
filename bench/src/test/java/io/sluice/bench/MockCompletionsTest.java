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

    private static ByteBuf utf8(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }
}
