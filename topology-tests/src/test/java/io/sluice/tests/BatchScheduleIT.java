package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.app.SluiceRuntime.Component;
import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Priority;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The off-peak scheduler on the real broker, under a clock the test moves: a tenant's batch requests
 * wait while its window is closed (interactive requests and another tenant's open batch work on the
 * same partitions go on), one whose batch deadline is near runs anyway with an audit note, and the
 * rest run, each exactly once, when the clock enters the window.
 */
@ExtendWith(SharedKafkaExtension.class)
class BatchScheduleIT {
    private static final ObservabilityIT.ShiftedClock CLOCK = new ObservabilityIT.ShiftedClock();
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final int HELD = 20;
    /** The window's day: three days from now (UTC), so that now is outside it and now + 3 days inside. */
    private static final DayOfWeek WINDOW_DAY = Instant.now().atZone(ZoneOffset.UTC).plusDays(3).getDayOfWeek();

    private static RunningSluice sluice;
    private static KafkaProducer<String, AiRequest> producer;

    @BeforeAll
    static void start(SharedKafka kafka) {
        String prefix = SharedKafka.newPrefix("batchsched");
        String day = WINDOW_DAY.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        String yaml = """
                kafka:
                  topic-prefix: %s
                  partitions: 1
                batch-schedule:
                  windows: ["%s 00:00-24:00 UTC"]
                tenants:
                  - id: nightly
                    keys:
                      - {id: nightly-key, secret: sk-nightly-0123456789abcdef}
                  - id: anytime
                    batch-windows: []
                    keys:
                      - {id: anytime-key, secret: sk-anytime-0123456789abcdef}
                """.formatted(prefix, day);
        sluice = RunningSluice.start(kafka, yaml, Map.of(),
                EnumSet.of(Component.REGISTRY, Component.GATEWAY, Component.INVOKER), CLOCK);
        var requests = sluice.runtime().topics().requests();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), requests.keySerde().serializer(), requests.valueSerde().serializer());
    }

    @AfterAll
    static void stop() throws Exception {
        if (producer != null) {
            producer.close();
        }
        if (sluice != null) {
            sluice.close();
        }
    }

    @Test
    void batchWorkWaitsForItsWindowExceptWhenItsDeadlineIsNear() throws Exception {
        Instant now = CLOCK.instant();
        List<String> held = new ArrayList<>();
        for (int i = 0; i < HELD; i++) {
            String id = "held-" + i;
            held.add(id);
            send("nightly", batch(id, "nightly", now.plus(Duration.ofHours(24))));
        }
        // behind them on the same (single) partition: interactive work, another tenant's open batch work,
        // and a batch request of the closed tenant whose batch ends within the deadline margin (2 h)
        send("nightly", request("interactive-1", "nightly").build());
        send("anytime", batch("anytime-1", "anytime", now.plus(Duration.ofHours(24))));
        send("nightly", batch("due-1", "nightly", now.plus(Duration.ofMinutes(30))));

        List<AiResponse> early = awaitResponses(Set.of("interactive-1", "anytime-1", "due-1"));
        assertThat(early).allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(ResponseStatus.SUCCESS));
        List<AuditEvent> overridden = sluice.readTopic(sluice.runtime().topics().auditRaw().name(),
                sluice.runtime().topics().auditRaw().valueSerde().deserializer(),
                e -> e.getRequestId().equals("due-1") && e.getAction() == AuditAction.INVOKED, l -> !l.isEmpty(), WITHIN);
        assertThat(overridden).first().satisfies(e -> {
            assertThat(e.getReason()).isEqualTo("batch_deadline_override");
            assertThat(e.getDetails()).containsKey("batchDeadline");
        });

        // while the window stays closed, none of the held requests is answered
        Thread.sleep(2_000);
        assertThat(responsesOf(Set.copyOf(held))).isEmpty();

        // when the clock enters the window, every held request is answered, once
        CLOCK.shift(Duration.ofDays(3));
        List<AiResponse> late = awaitResponses(Set.copyOf(held));
        assertThat(late).extracting(AiResponse::getRequestId).containsExactlyInAnyOrderElementsOf(held);
        assertThat(late).allSatisfy(r -> {
            assertThat(r.getStatus()).isEqualTo(ResponseStatus.SUCCESS);
            assertThat(r.getPriority()).isEqualTo(Priority.BATCH);
        });
    }

    private static void send(String tenant, AiRequest request) throws Exception {
        producer.send(new ProducerRecord<>(sluice.runtime().topics().requests().name(), tenant, request)).get();
    }

    private static AiRequest batch(String id, String tenant, Instant deadline) {
        return request(id, tenant).setPriority(Priority.BATCH).setBatchId("nightly-batch").setBatchDeadline(deadline)
                .build();
    }

    private static AiRequest.Builder request(String id, String tenant) {
        return AiRequest.newBuilder().setRequestId(id).setTenantId(tenant).setAppId("jobs").setModel("mock-echo")
                .setMessages(List.of(new ChatMessage(Role.USER, "summarise the day " + id, null)))
                .setParams(SamplingParams.newBuilder().build()).setReceivedAt(CLOCK.instant());
    }

    /** Every response of {@code ids}, once all have one; fails after {@link #WITHIN}. */
    private static List<AiResponse> awaitResponses(Set<String> ids) {
        var topic = sluice.runtime().topics().responses();
        return sluice.readTopic(topic.name(), topic.valueSerde().deserializer(), r -> ids.contains(r.getRequestId()),
                l -> l.stream().map(AiResponse::getRequestId).collect(Collectors.toSet()).size() == ids.size(), WITHIN);
    }

    private static List<AiResponse> responsesOf(Set<String> ids) {
        var topic = sluice.runtime().topics().responses();
        return sluice.readTopic(topic.name(), topic.valueSerde().deserializer(), r -> ids.contains(r.getRequestId()),
                l -> true, WITHIN);
    }
}
