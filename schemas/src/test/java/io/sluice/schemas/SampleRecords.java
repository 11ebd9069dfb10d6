package io.sluice.schemas;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Choice;
import io.sluice.avro.ErrorInfo;
import io.sluice.avro.Invocation;
import io.sluice.avro.Priority;
import io.sluice.avro.ReplyAddress;
import io.sluice.avro.ReplyKind;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import io.sluice.avro.Timings;
import io.sluice.avro.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Fully populated records of every top-level type, for serde and evolution tests. */
public final class SampleRecords {
    public static final Instant T0 = Instant.parse("2025-01-02T03:04:05.678Z");

    private SampleRecords() {
    }

    public static AiRequest request() {
        return AiRequest.newBuilder()
                .setRequestId("req-1")
                .setTenantId("tenant-a")
                .setAppId("app-1")
                .setUser("user-7")
                .setApiKeyId("key-3")
                .setModel("mock-echo")
                .setMessages(List.of(
                        ChatMessage.newBuilder().setRole(Role.SYSTEM).setContent("be brief").build(),
                        ChatMessage.newBuilder().setRole(Role.USER).setContent("hello ✓").setName("ann").build()))
                .setParams(SamplingParams.newBuilder()
                        .setTemperature(0.2)
                        .setMaxTokens(64)
                        .setStop(List.of("\n\n"))
                        .setSeed(42L)
                        .setLogitBias(Map.of("50256", -100))
                        .setResponseFormat("{\"type\":\"text\"}")
                        .build())
                .setStream(true)
                .setPriority(Priority.BATCH)
                .setBatchId("batch-9")
                .setReplyTo(ReplyAddress.newBuilder().setTopic("sluice.replies").setPartition(3).build())
                .setReceivedAt(T0)
                .setIdempotencyKey("idem-1")
                .setMetadata(Map.of("team", "search"))
                .build();
    }

    public static Invocation invocation() {
        return Invocation.newBuilder()
                .setRequest(request())
                .setDeployment("mock-eu")
                .setProvider("mock")
                .setUpstreamModel("echo-1")
                .setRegion("eu-west-1")
                .setFallbacks(List.of("mock-us"))
                .setAdmittedAt(T0.plusMillis(3))
                .build();
    }

    public static AiResponse response() {
        return AiResponse.newBuilder()
                .setRequestId("req-1")
                .setTenantId("tenant-a")
                .setAppId("app-1")
                .setApiKeyId("key-3")
                .setStatus(ResponseStatus.ERROR)
                .setModel("mock-echo")
                .setResponseModel("echo-1")
                .setProviderResponseId("resp-5")
                .setCreated(T0.getEpochSecond())
                .setChoices(List.of(Choice.newBuilder()
                        .setIndex(0)
                        .setMessage(ChatMessage.newBuilder().setRole(Role.ASSISTANT).setContent("hi").build())
                        .setFinishReason("stop")
                        .build()))
                .setUsage(Usage.newBuilder().setPromptTokens(5).setCompletionTokens(1).setTotalTokens(6)
                        .setCachedPromptTokens(2).build())
                .setCostMicros(1_234L)
                .setError(ErrorInfo.newBuilder().setHttpStatus(429).setType("rate_limit_exceeded")
                        .setCode("rate_limit").setMessage("slow down").setRetryAfterSeconds(7L).build())
                .setProvider("mock")
                .setDeployment("mock-eu")
                .setRegion("eu-west-1")
                .setAttempts(2)
                .setReplyTo(ReplyAddress.newBuilder().setTopic("sluice.replies").setPartition(3).build())
                .setTimings(Timings.newBuilder()
                        .setReceivedAt(T0)
                        .setAdmittedAt(T0.plusMillis(3))
                        .setInvokeStartedAt(T0.plusMillis(5))
                        .setFirstByteAt(T0.plusMillis(40))
                        .setCompletedAt(T0.plusMillis(90))
                        .setProviderNanos(85_000_000L)
                        .build())
                .build();
    }

    public static AiReply reply() {
        return AiReply.newBuilder()
                .setRequestId("req-1")
                .setKind(ReplyKind.FINAL)
                .setSequence(4)
                .setDelta("tail")
                .setResponse(response())
                .build();
    }

    public static AuditEvent auditEvent() {
        return AuditEvent.newBuilder()
                .setEventId("req-1/RESPONDED")
                .setRequestId("req-1")
                .setTenantId("tenant-a")
                .setAppId("app-1")
                .setUser("user-7")
                .setApiKeyId("key-3")
                .setStage("invoker")
                .setAction(AuditAction.RESPONDED)
                .setOutcome(true)
                .setReason("ok")
                .setRequestedModel("mock-echo")
                .setResolvedModel("echo-1")
                .setProvider("mock")
                .setDeployment("mock-eu")
                .setRegion("eu-west-1")
                .setPromptTokens(5)
                .setCompletionTokens(1)
                .setCostMicros(1_234L)
                .setLatencyMs(90L)
                .setHttpStatus(200)
                .setTimestamp(T0.plusMillis(90))
                .setDetails(Map.of("attempts", "2"))
                .build();
    }
}
