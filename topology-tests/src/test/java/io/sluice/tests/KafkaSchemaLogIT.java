package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.app.kafka.TopicAdmin;
import io.sluice.avro.AiRequest;
import io.sluice.avro.AuditEvent;
import io.sluice.schemas.registry.KafkaSchemaLog;
import io.sluice.schemas.registry.SchemaRegistryException;
import io.sluice.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The embedded registry's schemas live in a compacted topic and come back after a restart. */
@ExtendWith(SharedKafkaExtension.class)
class KafkaSchemaLogIT {

    @Test
    void aSecondWriterFencesTheFirstSoIdsCanNeverConflict(SharedKafka kafka) {
        String topic = schemasTopic(kafka);
        try (var first = KafkaSchemaLog.open(kafka.clientProps(), topic, Duration.ofSeconds(30))) {
            int requestId = first.store().register("io.sluice.avro.AiRequest", AiRequest.getClassSchema());

            try (var second = KafkaSchemaLog.open(kafka.clientProps(), topic, Duration.ofSeconds(30))) {
                assertThatThrownBy(() -> first.store().register("io.sluice.avro.AuditEvent", AuditEvent.getClassSchema()))
                        .isInstanceOf(SchemaRegistryException.class)
                        .hasMessageContaining("another registry process has taken over");
                assertThat(first.store().subjects()).containsExactly("io.sluice.avro.AiRequest");

                assertThat(second.store().schemaById(requestId)).isEqualTo(AiRequest.getClassSchema());
                int auditId = second.store().register("io.sluice.avro.AuditEvent", AuditEvent.getClassSchema());
                assertThat(auditId).isNotEqualTo(requestId);
            }
        }
    }

    @Test
    void registrationsSurviveARestartWithTheSameIds(SharedKafka kafka) {
        String topic = schemasTopic(kafka);
        int requestId;
        int auditId;
        try (var log = KafkaSchemaLog.open(kafka.clientProps(), topic, Duration.ofSeconds(30))) {
            requestId = log.store().register("io.sluice.avro.AiRequest", AiRequest.getClassSchema());
            auditId = log.store().register("io.sluice.avro.AuditEvent", AuditEvent.getClassSchema());
            assertThat(requestId).isNotEqualTo(auditId);
        }

        try (var reopened = KafkaSchemaLog.open(kafka.clientProps(), topic, Duration.ofSeconds(30))) {
            assertThat(reopened.store().schemaById(requestId)).isEqualTo(AiRequest.getClassSchema());
            assertThat(reopened.store().schemaById(auditId)).isEqualTo(AuditEvent.getClassSchema());
            assertThat(reopened.store().register("io.sluice.avro.AiRequest", AiRequest.getClassSchema()))
                    .isEqualTo(requestId);
            assertThat(reopened.store().subjects()).containsExactly("io.sluice.avro.AiRequest", "io.sluice.avro.AuditEvent");
        }
    }

    private static String schemasTopic(SharedKafka kafka) {
        String topic = SharedKafka.newPrefix("schemas") + "_schemas";
        TopicAdmin.ensureTopics(kafka.clientProps(), List.of(new TopicSpec(topic, true, Map.of())), 1, (short) 1,
                0, Duration.ofSeconds(30));
        return topic;
    }
}
