package io.sluice.processors.provider.openai;

import static io.sluice.processors.provider.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sluice.avro.Choice;
import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.RecordingSink;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading streamed chat completions, shaped like OpenAI's streaming reference. */
class OpenAiStreamTest {
    private static final String KEY = "sk-stream-secret-123";
    static final String HEAD = "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
            + "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_44709d6fcb\",";
    /** A whole stream: role, two content pieces, the finish reason, the usage chunk, [DONE]. */
    static final List<String> STREAM = List.of(
            "data: " + HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                    + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
            "",
            "data: " + HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"logprobs\":null,"
                    + "\"finish_reason\":null}],\"usage\":null}",
            "",
            "data: " + HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" there.\"},\"logprobs\":null,"
                    + "\"finish_reason\":null}],\"usage\":null}",
            "",
            "data: " + HEAD + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                    + "\"usage\":null}",
            "",
            "data: " + HEAD + "\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,"
                    + "\"total_tokens\":12,\"prompt_tokens_details\":{\"cached_tokens\":4}}}",
            "",
            "data: [DONE]",
            "");

    private final RecordingSink sink = new RecordingSink();
    private final OpenAiStream stream = new OpenAiStream(OpenAiProviderFactory.TYPE, call(), sink);

    static ProviderCall call() {
        var settings = new DeploymentSettings("openai-local", "openai", URI.create("http://127.0.0.1:1/v1"), KEY,
                "local", null, null);
        return new ProviderCall(request("r1", "Say hello").build(), "gpt-4o-mini", settings);
    }

    private ProviderResult feed(List<String> lines) {
        for (String line : lines) {
            ProviderResult end = stream.line(line);
            if (end != null) {
                return end;
            }
        }
        return stream.end();
    }

    @Test
    void aWholeStreamGivesItsPiecesInOrderAndOneCompletionWithTheUsage() {
        var result = (Completion) feed(STREAM);

        assertThat(sink.events).containsExactly("model:gpt-4o-mini-2024-07-18", "Hello", " there.");
        assertThat(result.responseModel()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(result.providerResponseId()).isEqualTo("chatcmpl-123");
        assertThat(result.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.getMessage().getContent()).isEqualTo("Hello there.");
            assertThat(choice.getFinishReason()).isEqualTo("stop");
        });
        assertThat(result.usage().getPromptTokens()).isEqualTo(9);
        assertThat(result.usage().getCompletionTokens()).isEqualTo(3);
        assertThat(result.usage().getCachedPromptTokens()).isEqualTo(4);
    }

    @Test
    void doneEndsTheStreamAtOnceWhateverFollows() {
        List<String> lines = new ArrayList<>(STREAM);
        lines.add("data: not json");

        var result = feed(lines);

        assertThat(result).isInstanceOf(Completion.class);
    }

    @Test
    void commentsAndOtherFieldsAreSkippedAndDataNeedsNoSpace() {
        var result = (Completion) feed(List.of(
                ": keep-alive",
                "event: message",
                "id: 1",
                "data:" + HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}",
                "",
                "data: [DONE]"));

        assertThat(sink.events).containsExactly("model:gpt-4o-mini-2024-07-18", "Hi");
        assertThat(result.choices().get(0).getMessage().getContent()).isEqualTo("Hi");
        assertThat(result.usage()).isNull();
    }

    @Test
    void everyChoiceIsKeptWholeButOnlyTheFirstStreams() {
        var result = (Completion) feed(List.of(
                "data: " + HEAD + "\"choices\":[{\"index\":1,\"delta\":{\"content\":\"B\"},\"finish_reason\":null}]}",
                "",
                "data: " + HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"},\"finish_reason\":\"stop\"}]}",
                "",
                "data: " + HEAD + "\"choices\":[{\"index\":1,\"delta\":{\"content\":\"b\"},\"finish_reason\":\"length\"}]}",
                "",
                "data: [DONE]"));

        assertThat(sink.events).containsExactly("model:gpt-4o-mini-2024-07-18", "A");
        assertThat(result.choices()).extracting(Choice::getIndex, c -> c.getMessage().getContent(),
                Choice::getFinishReason)
                .containsExactly(tuple(0, "A", "stop"),
                        tuple(1, "Bb", "length"));
    }

    @Test
    void aMalformedEventMidStreamIsARetryableUpstreamError() {
        var result = feed(List.of(STREAM.get(2), "", "data: {\"choices\": [", "", "data: [DONE]"));

        assertThat(sink.events).containsExactly("model:gpt-4o-mini-2024-07-18", "Hello");
        assertThat((ProviderError) result)
                .extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(502, "upstream_error", true);
    }

    @Test
    void anErrorEventMidStreamIsARetryableUpstreamErrorWithoutTheKey() {
        var result = (ProviderError) feed(List.of(STREAM.get(2), "",
                "data: {\"error\":{\"message\":\"overloaded, key " + KEY + "\",\"type\":\"server_error\"}}", ""));

        assertThat(result).extracting(ProviderError::httpStatus, ProviderError::retryable).containsExactly(502, true);
        assertThat(result.message()).contains("overloaded").doesNotContain(KEY);
    }

    @Test
    void aBodyThatEndsBeforeTheAnswerIsFinishedIsBroken() {
        var result = feed(STREAM.subList(0, 4));

        assertThat(((ProviderError) result).httpStatus()).isEqualTo(502);
        assertThat(((ProviderError) result).message()).contains("[DONE]");
    }

    @Test
    void aBodyThatEndsAfterTheFinishReasonWithoutDoneStillCompletes() {
        var result = feed(STREAM.subList(0, 8));

        assertThat(((Completion) result).choices().get(0).getMessage().getContent()).isEqualTo("Hello there.");
    }
}
