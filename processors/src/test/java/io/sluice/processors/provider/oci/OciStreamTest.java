package io.sluice.processors.provider.oci;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.RecordingSink;
import io.sluice.processors.provider.oci.OciRequests.ApiFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading OCI's streamed chat events, generic and Cohere. */
class OciStreamTest {
    /** Generic: text pieces, the finish, then the usage event. */
    static final List<String> GENERIC = List.of(
            "data: {\"index\":0,\"message\":{\"role\":\"ASSISTANT\",\"content\":[{\"type\":\"TEXT\",\"text\":\"Hello\"}]},\"pad\":\"aaaa\"}",
            "",
            "data: {\"index\":0,\"message\":{\"role\":\"ASSISTANT\",\"content\":[{\"type\":\"TEXT\",\"text\":\" there.\"}]},\"pad\":\"aa\"}",
            "",
            "data: {\"message\":{\"role\":\"ASSISTANT\"},\"finishReason\":\"stop\",\"pad\":\"aaaaaa\"}",
            "",
            "data: {\"usage\":{\"completionTokens\":2,\"promptTokens\":9,\"totalTokens\":11}}",
            "");
    /** Cohere: text pieces, then the finish with the whole text again and the usage. */
    static final List<String> COHERE = List.of(
            "data: {\"apiFormat\":\"COHERE\",\"text\":\"Hello\"}",
            "",
            "data: {\"apiFormat\":\"COHERE\",\"text\":\" there.\"}",
            "",
            "data: {\"apiFormat\":\"COHERE\",\"text\":\"Hello there.\",\"chatHistory\":[],\"finishReason\":\"COMPLETE\","
                    + "\"usage\":{\"completionTokens\":2,\"promptTokens\":9,\"totalTokens\":11}}",
            "");

    private final RecordingSink sink = new RecordingSink();

    private ProviderResult feed(ApiFormat format, List<String> lines) {
        var stream = new OciStream(format, "the-model", "req-1", sink, "pass-phrase-123");
        for (String line : lines) {
            ProviderResult end = stream.line(line);
            if (end != null) {
                return end;
            }
        }
        return stream.end();
    }

    @Test
    void genericPiecesArePassedOnAndTheUsageKept() {
        var completion = (Completion) feed(ApiFormat.GENERIC, GENERIC);

        assertThat(sink.events).containsExactly("Hello", " there.");
        assertThat(completion.responseModel()).isEqualTo("the-model");
        assertThat(completion.providerResponseId()).isEqualTo("req-1");
        assertThat(completion.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.getMessage().getContent()).isEqualTo("Hello there.");
            assertThat(choice.getFinishReason()).isEqualTo("stop");
        });
        assertThat(completion.usage().getTotalTokens()).isEqualTo(11);
    }

    @Test
    void cohereFinalTextIsNotPassedOnTwice() {
        var completion = (Completion) feed(ApiFormat.COHERE, COHERE);

        assertThat(sink.events).containsExactly("Hello", " there.");
        assertThat(completion.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.getMessage().getContent()).isEqualTo("Hello there.");
            assertThat(choice.getFinishReason()).isEqualTo("stop");
        });
        assertThat(completion.usage().getPromptTokens()).isEqualTo(9);
    }

    @Test
    void aCohereAnswerThatComesWholeInTheFinalEventIsPassedOnOnce() {
        var completion = (Completion) feed(ApiFormat.COHERE, COHERE.subList(4, 6));

        assertThat(sink.events).containsExactly("Hello there.");
        assertThat(completion.choices().get(0).getMessage().getContent()).isEqualTo("Hello there.");
    }

    @Test
    void doneEndsTheStream() {
        var lines = new ArrayList<>(GENERIC.subList(0, 6));
        lines.addAll(List.of("data: [DONE]", "", "data: {\"index\":0,\"message\":{\"content\":[{\"type\":\"TEXT\",\"text\":\"late\"}]}}", ""));

        var completion = (Completion) feed(ApiFormat.GENERIC, lines);

        assertThat(sink.events).containsExactly("Hello", " there.");
        assertThat(completion.usage()).isNull();
    }

    @Test
    void aBodyThatEndsBeforeTheFinishIsABrokenStream() {
        var error = (ProviderError) feed(ApiFormat.GENERIC, GENERIC.subList(0, 4));

        assertThat(sink.events).containsExactly("Hello", " there.");
        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(502, "upstream_error", true);
    }

    @Test
    void anErrorEventEndsTheStreamWithoutEchoingSecrets() {
        var lines = new ArrayList<>(GENERIC.subList(0, 2));
        lines.addAll(List.of("data: {\"code\":\"InternalServerError\",\"message\":\"failed for pass-phrase-123\"}", ""));

        var error = (ProviderError) feed(ApiFormat.GENERIC, lines);

        assertThat(error.message()).isEqualTo("the provider reported an error mid-stream: failed for ***");
        assertThat(error.retryable()).isTrue();
    }

    @Test
    void anEventThatIsNotJsonIsABrokenStream() {
        var error = (ProviderError) feed(ApiFormat.GENERIC, List.of("data: {not json", ""));

        assertThat(error.type()).isEqualTo("upstream_error");
        assertThat(sink.events).isEmpty();
    }
}
