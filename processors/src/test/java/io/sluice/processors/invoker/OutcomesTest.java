package io.sluice.processors.invoker;

import static io.sluice.processors.invoker.TestInvocations.ADMITTED_AT;
import static io.sluice.processors.invoker.TestInvocations.REPLY_TO;
import static io.sluice.processors.invoker.TestInvocations.invocation;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Choice;
import io.sluice.avro.ErrorInfo;
import io.sluice.avro.Invocation;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Role;
import io.sluice.avro.Usage;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.TestRequests;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class OutcomesTest {
    private static final Instant STARTED = ADMITTED_AT.plusMillis(2);
    private static final Instant COMPLETED = STARTED.plusMillis(1500);
    private static final CallTimes TIMES = new CallTimes(STARTED, COMPLETED, 1_499_000_000L);

    private final Invocation invocation = invocation("req-1", "local", "mock-echo");

    private static Completion completion() {
        var message = ChatMessage.newBuilder().setRole(Role.ASSISTANT).setContent("it is noon").build();
        var choice = Choice.newBuilder().setIndex(0).setMessage(message).setFinishReason("stop").build();
        var usage = Usage.newBuilder().setPromptTokens(12).setCompletionTokens(3).setTotalTokens(15).build();
        return new Completion("mock-echo-v1", "cmpl-9", List.of(choice), usage);
    }

    private static ProviderError error(int status, String type, Duration retryAfter) {
        return ProviderError.forStatus("mock", status, type, "code-x", "upstream returned HTTP " + status, retryAfter);
    }

    @Test
    void successfulResponseCarriesTheAnswerAndTheWholeStory() {
        AiResponse response = Outcomes.response(invocation, completion(), TIMES);

        assertThat(response.getStatus()).isEqualTo(ResponseStatus.SUCCESS);
        assertThat(response.getRequestId()).isEqualTo("req-1");
        assertThat(response.getTenantId()).isEqualTo("acme");
        assertThat(response.getAppId()).isEqualTo("web");
        assertThat(response.getApiKeyId()).isEqualTo("acme-web");
        assertThat(response.getModel()).as("what the caller asked for").isEqualTo("gpt-4o-mini");
        assertThat(response.getResponseModel()).isEqualTo("mock-echo-v1");
        assertThat(response.getProviderResponseId()).isEqualTo("cmpl-9");
        assertThat(response.getChoices()).extracting(choice -> choice.getMessage().getContent())
                .containsExactly("it is noon");
        assertThat(response.getUsage().getTotalTokens()).isEqualTo(15);
        assertThat(response.getCostMicros()).isZero();
        assertThat(response.getError()).isNull();
        assertThat(response.getProvider()).isEqualTo("mock");
        assertThat(response.getDeployment()).isEqualTo("local");
        assertThat(response.getRegion()).isEqualTo("eu");
        assertThat(response.getAttempts()).isEqualTo(1);
        assertThat(response.getReplyTo()).isEqualTo(REPLY_TO);
        assertThat(response.getCreated()).isEqualTo(COMPLETED.getEpochSecond());
        assertThat(response.getTimings().getReceivedAt()).isEqualTo(TestRequests.RECEIVED_AT);
        assertThat(response.getTimings().getAdmittedAt()).isEqualTo(ADMITTED_AT);
        assertThat(response.getTimings().getInvokeStartedAt()).isEqualTo(STARTED);
        assertThat(response.getTimings().getCompletedAt()).isEqualTo(COMPLETED);
        assertThat(response.getTimings().getProviderNanos()).isEqualTo(1_499_000_000L);
    }

    @Test
    void providerErrorsMapToTheCallersErrors() {
        assertThat(errorOf(error(500, null, null))).extracting(ErrorInfo::getHttpStatus, ErrorInfo::getType)
                .containsExactly(502, "upstream_error");
        assertThat(errorOf(ProviderError.unreachable("openai", "could not connect")))
                .extracting(ErrorInfo::getHttpStatus, ErrorInfo::getType).containsExactly(502, "upstream_error");
        assertThat(errorOf(ProviderError.timedOut("openai", Duration.ofSeconds(60))))
                .extracting(ErrorInfo::getHttpStatus, ErrorInfo::getType).containsExactly(504, "timeout");
        assertThat(errorOf(error(408, null, null))).extracting(ErrorInfo::getHttpStatus, ErrorInfo::getType)
                .containsExactly(504, "timeout");
        assertThat(errorOf(error(429, null, Duration.ofMillis(1200))))
                .extracting(ErrorInfo::getHttpStatus, ErrorInfo::getType, ErrorInfo::getRetryAfterSeconds)
                .containsExactly(429, "rate_limit_exceeded", 2L);
        assertThat(errorOf(error(400, null, null)))
                .extracting(ErrorInfo::getHttpStatus, ErrorInfo::getType, ErrorInfo::getCode, ErrorInfo::getMessage)
                .containsExactly(400, "invalid_request_error", "code-x", "upstream returned HTTP 400");
        assertThat(errorOf(error(401, null, null))).as("the gateway's credentials, not the caller's")
                .extracting(ErrorInfo::getHttpStatus, ErrorInfo::getType).containsExactly(502, "upstream_error");
    }

    @Test
    void upstreamNotFoundIsTheGatewaysFaultUnlessTheModelIsMissing() {
        assertThat(errorOf(error(404, null, null))).as("a wrong base URL")
                .extracting(ErrorInfo::getHttpStatus, ErrorInfo::getType).containsExactly(502, "upstream_error");
        assertThat(errorOf(error(405, null, null))).extracting(ErrorInfo::getHttpStatus, ErrorInfo::getType)
                .containsExactly(502, "upstream_error");
        assertThat(errorOf(error(415, null, null))).extracting(ErrorInfo::getHttpStatus, ErrorInfo::getType)
                .containsExactly(502, "upstream_error");

        var modelMissing = ProviderError.forStatus("openai", 404, "invalid_request_error", "model_not_found",
                "upstream returned HTTP 404: The model `gpt-9` does not exist", null);
        assertThat(errorOf(modelMissing))
                .extracting(ErrorInfo::getHttpStatus, ErrorInfo::getType, ErrorInfo::getCode)
                .containsExactly(404, "invalid_request_error", "model_not_found");
    }

    private ErrorInfo errorOf(ProviderError error) {
        AiResponse response = Outcomes.response(invocation, error, TIMES);
        assertThat(response.getStatus()).isEqualTo(ResponseStatus.ERROR);
        assertThat(response.getChoices()).isEmpty();
        assertThat(response.getUsage()).isNull();
        return response.getError();
    }

    @Test
    void unexpectedFailuresAreErrorsToo() {
        assertThat(Outcomes.unexpected("local", new IllegalStateException("bug")))
                .extracting(ErrorInfo::getHttpStatus, ErrorInfo::getType).containsExactly(500, "server_error");
        assertThat(Outcomes.unexpected("local", new TimeoutException()))
                .extracting(ErrorInfo::getHttpStatus, ErrorInfo::getType).containsExactly(504, "timeout");
        assertThat(Outcomes.unknownDeployment("gone").getMessage()).contains("gone");
    }

    @Test
    void invokedEventNamesTheRouteButIsNotTheOutcome() {
        var event = Outcomes.invoked(invocation, STARTED);

        assertThat(event.getEventId()).isEqualTo("req-1:INVOKED");
        assertThat(event.getAction()).isEqualTo(AuditAction.INVOKED);
        assertThat(event.getOutcome()).isFalse();
        assertThat(event.getStage()).isEqualTo("invoker");
        assertThat(event.getRequestedModel()).isEqualTo("gpt-4o-mini");
        assertThat(event.getResolvedModel()).isEqualTo("mock-echo");
        assertThat(event.getDeployment()).isEqualTo("local");
        assertThat(event.getTimestamp()).isEqualTo(STARTED);
    }

    @Test
    void respondedEventRecordsTheOutcomeWithTheResponsesTokensAndCost() {
        AiResponse response = Outcomes.response(invocation, completion(), TIMES);

        var event = Outcomes.responded(invocation, response);

        assertThat(event.getEventId()).isEqualTo("req-1:RESPONDED");
        assertThat(event.getAction()).isEqualTo(AuditAction.RESPONDED);
        assertThat(event.getOutcome()).isTrue();
        assertThat(event.getReason()).isNull();
        assertThat(event.getPromptTokens()).isEqualTo(12);
        assertThat(event.getCompletionTokens()).isEqualTo(3);
        assertThat(event.getCostMicros()).isEqualTo(response.getCostMicros());
        assertThat(event.getHttpStatus()).isEqualTo(200);
        assertThat(event.getLatencyMs()).isEqualTo(1505L);
        assertThat(event.getUser()).isEqualTo("u-42");
        assertThat(event.getTimestamp()).isEqualTo(COMPLETED);
        assertThat(event.toString()).as("no prompt or answer text").doesNotContain("what is the time", "it is noon");
    }

    @Test
    void respondedEventOfAFailureGivesTheErrorTypeAsReason() {
        AiResponse response = Outcomes.response(invocation, error(429, null, Duration.ofSeconds(1)), TIMES);

        var event = Outcomes.responded(invocation, response);

        assertThat(event.getReason()).isEqualTo("rate_limit_exceeded");
        assertThat(event.getHttpStatus()).isEqualTo(429);
        assertThat(event.getPromptTokens()).isNull();
    }
}
