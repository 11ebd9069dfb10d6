package io.sluice.processors.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.RecordingSink;
import io.sluice.processors.provider.bedrock.EventStreamDecoder.MalformedFrameException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ConverseStream events, as decoded frames, turned into deltas and one result. */
class BedrockStreamTest {
    private final RecordingSink sink = new RecordingSink();
    private final BedrockStream stream = new BedrockStream("anthropic.claude-3-haiku", sink,
            new BedrockResponses.Secrets(List.of("wJalrXUtnFEMI")));

    /** Feeds the frames and returns the results the stream gave, null for "not over yet". */
    private List<ProviderResult> feed(byte[]... frames) throws MalformedFrameException {
        var results = new ArrayList<ProviderResult>();
        var decoder = new EventStreamDecoder();
        for (byte[] frame : frames) {
            decoder.feed(ByteBuffer.wrap(frame), message -> results.add(stream.event(message)));
        }
        return results;
    }

    @Test
    void passesTextOnAndEndsWithTheWholeTextStopReasonAndUsageAtMetadata() throws Exception {
        stream.requestId("req-9");

        var results = feed(EventStreamFrames.helloStream());

        assertThat(sink.events).containsExactly("Hello", " there.");
        assertThat(results.subList(0, 5)).containsOnlyNulls();
        assertThat(results.get(5)).isInstanceOfSatisfying(Completion.class, completion -> {
            assertThat(completion.providerResponseId()).isEqualTo("req-9");
            assertThat(completion.responseModel()).isEqualTo("anthropic.claude-3-haiku");
            assertThat(completion.choices().get(0).getMessage().getContent()).isEqualTo("Hello there.");
            assertThat(completion.choices().get(0).getFinishReason()).isEqualTo("stop");
            assertThat(completion.usage().getTotalTokens()).isEqualTo(12);
        });
        assertThat(stream.end()).isSameAs(results.get(5));
    }

    @Test
    void aStopWithoutMetadataStillEndsCleanlyWhenTheBodyEnds() throws Exception {
        byte[][] all = EventStreamFrames.helloStream();

        feed(all[0], all[1], all[4].clone());

        assertThat(stream.end()).isInstanceOfSatisfying(Completion.class, completion -> {
            assertThat(completion.choices().get(0).getMessage().getContent()).isEqualTo("Hello");
            assertThat(completion.usage()).isNull();
        });
    }

    @Test
    void aBodyThatEndsBeforeMessageStopIsABrokenStream() throws Exception {
        byte[][] all = EventStreamFrames.helloStream();
        feed(all[0], all[1]);

        assertThat(stream.end()).isInstanceOfSatisfying(ProviderError.class, error ->
                assertThat(error).extracting(ProviderError::httpStatus, ProviderError::retryable, ProviderError::message)
                        .containsExactly(502, true, "the provider's stream ended before messageStop"));
        assertThat(sink.events).containsExactly("Hello");
    }

    @Test
    void anExceptionAfterTheFirstDeltaEndsTheStreamWithAnError() throws Exception {
        byte[][] all = EventStreamFrames.helloStream();

        var results = feed(all[0], all[1],
                EventStreamFrames.exception("modelStreamErrorException", "{\"message\":\"Model stream broke\"}"),
                all[2]);

        assertThat(results.get(2)).isInstanceOfSatisfying(ProviderError.class, error ->
                assertThat(error).extracting(ProviderError::httpStatus, ProviderError::code, ProviderError::retryable)
                        .containsExactly(424, "modelStreamErrorException", true));
        assertThat(results.get(3)).isSameAs(results.get(2));
        assertThat(sink.events).containsExactly("Hello");
    }

    @Test
    void anEventThatIsNotJsonIsABrokenStream() throws Exception {
        var results = feed(EventStreamFrames.event("contentBlockDelta", "not json"));

        assertThat(results.get(0)).isInstanceOfSatisfying(ProviderError.class, error ->
                assertThat(error.message()).contains("contentBlockDelta event that is not JSON"));
    }

    @Test
    void nonTextDeltasAndUnknownEventsAreIgnored() throws Exception {
        var results = feed(
                EventStreamFrames.event("contentBlockStart", "{\"contentBlockIndex\":1,\"start\":{\"toolUse\":{}}}"),
                EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{}\"}}}"),
                EventStreamFrames.event("somethingNew", "{}"),
                EventStreamFrames.event("messageStop", "{\"stopReason\":\"tool_use\"}"));

        assertThat(results).containsOnlyNulls();
        assertThat(sink.events).isEmpty();
        assertThat(((Completion) stream.end()).choices().get(0).getFinishReason()).isEqualTo("tool_calls");
    }
}
