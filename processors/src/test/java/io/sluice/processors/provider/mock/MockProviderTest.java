package io.sluice.processors.provider.mock;

import static io.sluice.processors.provider.TestRequests.deployment;
import static io.sluice.processors.provider.TestRequests.message;
import static io.sluice.processors.provider.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.AiRequest;
import io.sluice.avro.Choice;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MockProviderTest {
    private final DeploymentSettings local = deployment("local", "mock");
    private final CapturingScheduler scheduler = new CapturingScheduler();
    private final MockProvider provider = new MockProvider(scheduler, Duration.ofMillis(1500), Duration.ofMillis(20), Duration.ofMillis(1000));

    private ProviderResult answer(AiRequest request, String model) {
        return provider.complete(new ProviderCall(request, model, local)).join();
    }

    @Test
    void echoAnswersWithTheLastUserMessageAndCountsWords() {
        var request = request("r1", "  what is   the time ").build();

        var result = (Completion) answer(request, "mock-echo");

        assertThat(result.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.getMessage().getRole()).isEqualTo(Role.ASSISTANT);
            assertThat(choice.getMessage().getContent()).isEqualTo("  what is   the time ");
            assertThat(choice.getFinishReason()).isEqualTo("stop");
        });
        // "You are terse." = 3 words + 3, "what is the time" = 4 words + 3
        assertThat(result.usage().getPromptTokens()).isEqualTo(13);
        assertThat(result.usage().getCompletionTokens()).isEqualTo(4);
        assertThat(result.usage().getTotalTokens()).isEqualTo(17);
        assertThat(result.responseModel()).isEqualTo("mock-echo");
        assertThat(result.providerResponseId()).isEqualTo("mockcmpl-r1");
    }

    @Test
    void tokensAreWordsPlusThreePerMessageAndAnswerWordsTimesChoices() {
        var params = SamplingParams.newBuilder().setN(2).build();
        var request = request("r7", "ignored").setParams(params).setMessages(List.of(
                message(Role.SYSTEM, "be brief"), message(Role.USER, "one  two\tthree\n"))).build();

        var result = (Completion) answer(request, "mock-echo");

        // prompt: (2 words + 3) + (3 words + 3); completion: 3 words x 2 choices
        assertThat(result.usage().getPromptTokens()).isEqualTo(11);
        assertThat(result.usage().getCompletionTokens()).isEqualTo(6);
        assertThat(result.usage().getTotalTokens()).isEqualTo(17);
        assertThat(result.providerResponseId()).as("derived from the request id only").isEqualTo("mockcmpl-r7");
    }

    @Test
    void echoPicksTheLastUserMessageNotTheLastMessage() {
        var request = request("r1", "ignored").setMessages(List.of(message(Role.USER, "first question"),
                message(Role.ASSISTANT, "an answer"), message(Role.USER, "second question"),
                message(Role.TOOL, "tool output"))).build();

        var result = (Completion) answer(request, "mock-echo");

        assertThat(result.choices().get(0).getMessage().getContent()).isEqualTo("second question");
    }

    @Test
    void maxTokensCutsTheAnswerAndNGivesSeveralChoices() {
        var params = SamplingParams.newBuilder().setMaxTokens(2).setN(3).build();
        var request = request("r1", "one two three four").setParams(params).build();

        var result = (Completion) answer(request, "mock-echo");

        assertThat(result.choices()).extracting(Choice::getIndex).containsExactly(0, 1, 2);
        assertThat(result.choices()).allSatisfy(choice -> {
            assertThat(choice.getMessage().getContent()).isEqualTo("one two");
            assertThat(choice.getFinishReason()).isEqualTo("length");
        });
        assertThat(result.usage().getCompletionTokens()).isEqualTo(6);
    }

    @Test
    void otherMockNamesEcho() {
        var request = request("r1", "hi").build();

        assertThat(answer(request, "mock-anything")).isInstanceOf(Completion.class);
        assertThat(answer(request, "mock-error-abc")).isInstanceOf(Completion.class);
        assertThat(answer(request, "mock-error-200")).isInstanceOf(Completion.class);
    }

    @Test
    void errorModelsFailWithTheirStatus() {
        var request = request("r1", "hi").build();

        assertThat((ProviderError) answer(request, "mock-error-500"))
                .extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable,
                        ProviderError::provider)
                .containsExactly(500, "server_error", true, "mock");
        assertThat((ProviderError) answer(request, "mock-error-429"))
                .extracting(ProviderError::httpStatus, ProviderError::retryable, ProviderError::retryAfter)
                .containsExactly(429, true, Duration.ofSeconds(1));
        assertThat((ProviderError) answer(request, "mock-error-400"))
                .extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(400, "invalid_request_error", false);
    }

    @Test
    void slowAnswersOnlyWhenTheSchedulerFires() {
        var request = request("r1", "take your time").build();

        CompletableFuture<ProviderResult> future = provider.complete(new ProviderCall(request, "mock-slow", local));

        assertThat(future).isNotDone();
        assertThat(scheduler.delayNanos).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1500));
        scheduler.task.run();
        assertThat(future.join()).isInstanceOfSatisfying(Completion.class, completion -> assertThat(
                completion.choices().get(0).getMessage().getContent()).isEqualTo("take your time"));
    }

    @Test
    void slowerThanTheDeploymentTimeoutIsATimeout() {
        var impatient = new DeploymentSettings("local", "mock", null, null, null, Duration.ofMillis(500), null);

        var future = provider.complete(new ProviderCall(request("r1", "hi").build(), "mock-slow", impatient));

        assertThat(scheduler.delayNanos).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
        scheduler.task.run();
        assertThat((ProviderError) future.join())
                .extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(504, "timeout", true);
    }

    @Test
    void factoryReadsTheSlowDelayOption() throws Exception {
        var factory = new MockProviderFactory();
        try (var context = ProviderContext.create(Clock.systemUTC())) {
            var settings = new DeploymentSettings("local", "mock", null, null, null, null,
                    Map.of(MockProviderFactory.SLOW_DELAY_OPTION, "1"));
            var slow = factory.create(settings, context);

            var result = slow.complete(new ProviderCall(request("r1", "soon").build(), "mock-slow", settings))
                    .get(10, TimeUnit.SECONDS);

            assertThat(result).isInstanceOf(Completion.class);
            var bad = new DeploymentSettings("local", "mock", null, null, null, null,
                    Map.of(MockProviderFactory.SLOW_DELAY_OPTION, "soon"));
            assertThatThrownBy(() -> factory.create(bad, context))
                    .hasMessage("deployments[name=local].options.slow-delay-ms must be a non-negative whole number");
        }
    }

    /** Captures the one scheduled task instead of running it. */
    private static final class CapturingScheduler extends ScheduledThreadPoolExecutor {
        Runnable task;
        long delayNanos = -1;

        CapturingScheduler() {
            super(0);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            task = command;
            delayNanos = unit.toNanos(delay);
            return null;
        }
    }
}
