package io.sluice.processors.invoker;

import io.sluice.avro.Invocation;
import io.sluice.avro.ReplyAddress;
import io.sluice.processors.provider.TestRequests;
import java.time.Instant;

/** Invocations for tests: tenant acme, routed to a deployment, with a reply address. */
final class TestInvocations {
    static final Instant ADMITTED_AT = TestRequests.RECEIVED_AT.plusMillis(3);
    static final ReplyAddress REPLY_TO = ReplyAddress.newBuilder().setTopic("sluice.replies").setPartition(2).build();

    private TestInvocations() {}

    /** A batch invocation of {@code tenant} for the mock provider's echo model; {@code deadline} may be null. */
    static Invocation batchInvocation(String requestId, String tenant, Instant deadline) {
        Invocation invocation = invocation(requestId, "local", "mock-echo");
        return Invocation.newBuilder(invocation)
                .setRequest(io.sluice.avro.AiRequest.newBuilder(invocation.getRequest()).setTenantId(tenant)
                        .setPriority(io.sluice.avro.Priority.BATCH).setBatchId("batch-" + tenant)
                        .setBatchDeadline(deadline).build())
                .build();
    }

    static Invocation invocation(String requestId, String deployment, String upstreamModel) {
        return Invocation.newBuilder()
                .setRequest(TestRequests.request(requestId, "what is the time").setUser("u-42")
                        .setReplyTo(REPLY_TO).build())
                .setDeployment(deployment)
                .setProvider("mock")
                .setUpstreamModel(upstreamModel)
                .setRegion("eu")
                .setAdmittedAt(ADMITTED_AT)
                .build();
    }
}
