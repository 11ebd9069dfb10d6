package io.sluice.processors.provider.anthropic;

import static io.sluice.processors.provider.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.RecordingSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading streamed messages, shaped like the event flow in Anthropic's streaming reference. */
class AnthropicStreamTest {
    private static final String KEY = "sk-ant-api03-stream-secret-42";

    /** The reference's basic stream: start, a text block in two deltas with a ping, stop reason and usage, stop. */
    static final List<String> EVENTS = List.of(
            "event: message_start\ndata: {\"type\": \"message_start\", \"message\": {\"id\": "
                    + "\"msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY\", \"type\": \"message\", \"role\": \"assistant\", "
                    + "\"content\": [], \"model\": \"claude-sonnet-4-5-20250929\", \"stop_reason\": null, "
                    + "\"stop_sequence\": null, \"usage\": {\"input_tokens\": 25, \"output_tokens\": 1}}}\n\n",
            "event: content_block_start\ndata: {\"type\": \"content_block_start\", \"index\": 0, "
                    + "\"content_block\": {\"type\": \"text\", \"text\": \"\"}}\n\n",
            "event: ping\ndata: {\"type\": \"ping\"}\n\n",
            "event: content_block_delta\ndata: {\"type\": \"content_block_delta\", \"index\": 0, "
                    + "\"delta\": {\"type\": \"text_delta\", \"text\": \"Hello\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\": \"content_block_delta\", \"index\": 0, "
                    + "\"delta\": {\"type\": \"text_delta\", \"text\": \"!\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\": \"content_block_stop\", \"index\": 0}\n\n",
            "event: message_delta\ndata: {\"type\": \"message_delta\", \"delta\": {\"stop_reason\": \"end_turn\", "
                    + "\"stop_sequence\":null}, \"usage\": {\"output_tokens\": 15}}\n\n",
            "event: message_stop\ndata: {\"type\": \"message_stop\"}\n\n");

    private final RecordingSink sink = new RecordingSink();
    private final AnthropicStream stream = new AnthropicStream(call(), sink);

    static ProviderCall call() {
        var settings = new DeploymentSettings("anthropic-eu", "anthropic", null, KEY, "eu", null, null);
        return new ProviderCall(request("r1", "Hello").build(), "claude-sonnet-4-5", settings);
    }

    /** The lines of events as the HTTP client hands them over: without their terminators. */
    static List<String> lines(List<String> events) {
        var lines = new ArrayList<String>();
        for (String event : events) {
            String[] parts = event.split("\n", -1);
            lines.addAll(Arrays.asList(parts).subList(0, parts.length - 1));
        }
        return lines;
    }

    private ProviderResult feed(List<String> events) {
        for (String line : lines(events)) {
            ProviderResult end = stream.line(line);
            if (end != null) {
                return end;
            }
        }
        return stream.end();
    }

    @Test
    void aWholeStreamGivesItsPiecesInOrderAndOneCompletionWithTheUsage() {
        var result = (Completion) feed(EVENTS);

        assertThat(sink.events).containsExactly("model:claude-sonnet-4-5-20250929", "Hello", "!");
        assertThat(result.providerResponseId()).isEqualTo("msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY");
        assertThat(result.responseModel()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(result.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.getMessage().getContent()).isEqualTo("Hello!");
            assertThat(choice.getFinishReason()).isEqualTo("stop");
        });
        assertThat(result.usage().getPromptTokens()).isEqualTo(25);
        assertThat(result.usage().getCompletionTokens()).isEqualTo(15);
        assertThat(result.usage().getTotalTokens()).isEqualTo(40);
    }

    @Test
    void messageStopEndsTheStreamAtOnceWhateverFollows() {
        var events = new ArrayList<>(EVENTS);
        events.add("data: not json\n\n");

        assertThat(feed(events)).isInstanceOf(Completion.class);
    }

    @Test
    void cacheUsageFromTheStartCountsAsPromptTokensAndLaterCountsReplaceEarlierOnes() {
        var events = new ArrayList<>(EVENTS);
        events.set(0, "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_2\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5\","
                + "\"usage\":{\"input_tokens\":5,\"cache_creation_input_tokens\":100,\"cache_read_input_tokens\":40,"
                + "\"output_tokens\":1}}}\n\n");
        events.set(6, "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},"
                + "\"usage\":{\"input_tokens\":6,\"output_tokens\":21}}\n\n");

        var result = (Completion) feed(events);

        assertThat(result.usage().getPromptTokens()).isEqualTo(6 + 100 + 40);
        assertThat(result.usage().getCachedPromptTokens()).isEqualTo(40);
        assertThat(result.usage().getCompletionTokens()).isEqualTo(21);
        assertThat(result.choices().get(0).getFinishReason()).isEqualTo("length");
    }

    @Test
    void toolUseAndThinkingBlocksAreNotTextAndUnknownEventsAreSkipped() {
        var result = (Completion) feed(List.of(
                EVENTS.get(0),
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me think.\"}}\n\n",
                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"Checking.\"}}\n\n",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":2,\"content_block\":"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_01T1x1fJ34qAmk2tNTrN7Up6\",\"name\":\"get_weather\",\"input\":{}}}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":2,"
                        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"location\\\": \\\"San Fra\"}}\n\n",
                "event: some_future_event\ndata: {\"type\":\"some_future_event\"}\n\n",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},"
                        + "\"usage\":{\"output_tokens\":89}}\n\n",
                EVENTS.get(7)));

        assertThat(sink.deltas()).containsExactly("Checking.");
        assertThat(result.choices().get(0).getMessage().getContent()).isEqualTo("Checking.");
        assertThat(result.choices().get(0).getFinishReason()).isEqualTo("tool_calls");
    }

    @Test
    void anOverloadedErrorEventMidStreamIsARetryableErrorWithoutTheKey() {
        var result = (ProviderError) feed(List.of(EVENTS.get(0), EVENTS.get(1), EVENTS.get(3),
                "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", "
                        + "\"message\": \"Overloaded " + KEY + "\"}}\n\n",
                EVENTS.get(7)));

        assertThat(sink.deltas()).containsExactly("Hello");
        assertThat(result).extracting(ProviderError::httpStatus, ProviderError::code, ProviderError::retryable)
                .containsExactly(529, "overloaded_error", true);
        assertThat(result.message()).startsWith("the provider reported an error mid-stream (overloaded_error): Overloaded")
                .doesNotContain(KEY);
    }

    @Test
    void anErrorEventOfUnknownTypeIsARetryableUpstreamError() {
        var result = (ProviderError) feed(List.of(EVENTS.get(0),
                "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"brand_new_error\",\"message\":\"?\"}}\n\n"));

        assertThat(result).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(502, "upstream_error", true);
    }

    @Test
    void aBodyThatEndsBeforeMessageStopIsBrokenEvenAfterTheStopReason() {
        var result = (ProviderError) feed(EVENTS.subList(0, 7));

        assertThat(sink.deltas()).containsExactly("Hello", "!");
        assertThat(result).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(502, "upstream_error", true);
        assertThat(result.message()).contains("message_stop");
    }

    @Test
    void anEventThatIsNotJsonIsBroken() {
        var result = (ProviderError) feed(List.of(EVENTS.get(0), "event: content_block_delta\ndata: {\"type\": \"cont\n\n",
                EVENTS.get(7)));

        assertThat(result.httpStatus()).isEqualTo(502);
        assertThat(result.message()).contains("not a message event");
    }

    @Test
    void dataWithoutASpaceAndCommentsAreRead() {
        var result = (Completion) feed(List.of(
                ": keep-alive\n",
                EVENTS.get(0),
                "event:content_block_delta\ndata:{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n",
                EVENTS.get(7)));

        assertThat(sink.deltas()).containsExactly("Hi");
        assertThat(result.choices().get(0).getMessage().getContent()).isEqualTo("Hi");
        assertThat(result.choices().get(0).getFinishReason()).isNull();
    }
}
