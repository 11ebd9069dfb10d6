package io.sluice.processors.provider;

import static io.sluice.processors.provider.TestRequests.deployment;
import static io.sluice.processors.provider.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.ChatMessage;
import io.sluice.avro.Choice;
import io.sluice.avro.Role;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The default {@link Provider#stream}, for providers that cannot stream. */
class ProviderStreamTest {
    private final CompletableFuture<ProviderResult> upstream = new CompletableFuture<>();
    private final Provider oneShot = call -> upstream;
    private final RecordingSink sink = new RecordingSink();
    private final ProviderCall call = new ProviderCall(request("r1", "hi").build(), "m", deployment("d", "one-shot"));

    @Test
    void theWholeAnswerIsOneDeltaWhenItArrives() {
        CompletableFuture<ProviderResult> streamed = oneShot.stream(call, sink);
        assertThat(sink.events).isEmpty();

        var answer = new Completion("m-2025", null, List.of(Choice.newBuilder().setIndex(0)
                .setMessage(ChatMessage.newBuilder().setRole(Role.ASSISTANT).setContent("Hello there.").build())
                .build()), null);
        upstream.complete(answer);

        assertThat(sink.events).containsExactly("model:m-2025", "Hello there.");
        assertThat(streamed.join()).isSameAs(answer);
    }

    @Test
    void anErrorIsPassedOnWithoutADelta() {
        CompletableFuture<ProviderResult> streamed = oneShot.stream(call, sink);
        var error = ProviderError.unreachable("one-shot", "down");

        upstream.complete(error);

        assertThat(sink.events).isEmpty();
        assertThat(streamed.join()).isSameAs(error);
    }

    @Test
    void cancellingTheStreamCancelsTheCall() {
        CompletableFuture<ProviderResult> streamed = oneShot.stream(call, sink);

        streamed.cancel(true);

        assertThat(upstream).isCancelled();
    }
}
