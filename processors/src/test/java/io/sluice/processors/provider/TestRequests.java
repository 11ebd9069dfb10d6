package io.sluice.processors.provider;

import io.sluice.avro.AiRequest;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import java.time.Instant;
import java.util.List;

/** Canonical requests for tests. */
public final class TestRequests {
    public static final Instant RECEIVED_AT = Instant.parse("2025-01-02T03:04:05.678Z");

    private TestRequests() {}

    public static ChatMessage message(Role role, String content) {
        return ChatMessage.newBuilder().setRole(role).setContent(content).build();
    }

    /** A request with a system prompt and one user message, default sampling parameters. */
    public static AiRequest.Builder request(String requestId, String userContent) {
        return AiRequest.newBuilder()
                .setRequestId(requestId)
                .setTenantId("acme")
                .setAppId("web")
                .setApiKeyId("acme-web")
                .setModel("gpt-4o-mini")
                .setMessages(List.of(message(Role.SYSTEM, "You are terse."), message(Role.USER, userContent)))
                .setParams(SamplingParams.newBuilder().build())
                .setReceivedAt(RECEIVED_AT);
    }

    public static DeploymentSettings deployment(String name, String provider) {
        return new DeploymentSettings(name, provider, null, null, "eu", null, null);
    }
}
