package io.sluice.processors.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiRequest;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.ReplyAddress;
import io.sluice.avro.ResponseStatus;
import io.sluice.processors.provider.TestRequests;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gateway's stages as the pure functions they are; the topology itself is tested in topology-tests. */
class GatewayStagesTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private final GatewaySettings settings = new GatewaySettings("sluice.gateway", Set.of("acme"),
            Map.of("gpt-4o-mini", Route.single("gpt-4o-mini", "openai-us", "openai", "gpt-4o-mini-2024", "us")), 4,
            Set.of("billing.replies"), 1 << 20);
    private final GatewayStages stages = new GatewayStages(settings, "sluice.replies", Clock.fixed(NOW, ZoneOffset.UTC));

    private static AiRequest request(ReplyAddress replyTo) {
        return TestRequests.request("r1", "hello").setReplyTo(replyTo).build();
    }

    private Decision.Rejected rejected(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Rejected.class);
        return (Decision.Rejected) decision;
    }

    @Test
    void aRefusedReplyAddressIsDroppedEvenWhenTheRequestIsInvalidOtherwise() {
        var blankModel = AiRequest.newBuilder(request(new ReplyAddress("sluice.audit", 0))).setModel("").build();

        var rejection = rejected(stages.validate("acme", blankModel));

        assertThat(rejection.request().getReplyTo()).as("no reply is written into sluice.audit").isNull();
        assertThat(rejection.error().getHttpStatus()).isEqualTo(400);
        assertThat(rejection.error().getMessage()).contains("replyTo.topic");
        assertThat(stages.response(rejection).getReplyTo()).isNull();
    }

    @Test
    void aReplyPartitionPastTheReplyTopicsPartitionsIsRefused() {
        var rejection = rejected(stages.validate("acme", request(new ReplyAddress("sluice.replies", 4))));

        assertThat(rejection.request().getReplyTo()).isNull();
        assertThat(rejection.error().getMessage()).isEqualTo("replyTo.partition must be between 0 and 3");
        assertThat(rejected(stages.validate("acme", request(new ReplyAddress("sluice.replies", -1))))
                .request().getReplyTo()).isNull();
    }

    @Test
    void theRepliesTopicAndConfiguredAppReplyTopicsAreAcceptedAndNoOthers() {
        assertThat(stages.validate("acme", request(new ReplyAddress("sluice.replies", 3))))
                .isInstanceOf(Decision.Pending.class);
        assertThat(stages.validate("acme", request(new ReplyAddress("billing.replies", null))))
                .isInstanceOf(Decision.Pending.class);
        assertThat(stages.validate("acme", request(null))).isInstanceOf(Decision.Pending.class);

        var unlisted = rejected(stages.validate("acme", request(new ReplyAddress("sluice.replies.billing", 0))));
        assertThat(unlisted.request().getReplyTo()).isNull();
    }

    @Test
    void aValidRequestWithAGoodAddressKeepsItWhenRejectedLater() {
        var unknownModel = AiRequest.newBuilder(request(new ReplyAddress("sluice.replies", 1))).setModel("nope").build();

        var rejection = rejected(stages.admit(stages.validate("acme", unknownModel)));
        var response = stages.response(rejection);

        assertThat(response.getStatus()).isEqualTo(ResponseStatus.REJECTED);
        assertThat(response.getError().getCode()).isEqualTo("model_not_found");
        assertThat(response.getReplyTo()).isEqualTo(new ReplyAddress("sluice.replies", 1));
        assertThat(response.getTimings().getCompletedAt()).isEqualTo(NOW);
        assertThat(rejection.audit()).extracting(AuditEvent::getAction, AuditEvent::getEventId, AuditEvent::getStage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditAction.REJECTED, "r1:REJECTED", "gateway"));
    }
}
