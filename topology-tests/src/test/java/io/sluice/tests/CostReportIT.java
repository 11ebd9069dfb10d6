package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.app.SluiceCli;
import io.sluice.app.kafka.TopicAdmin;
import io.sluice.avro.AiRequest;
import io.sluice.avro.CostGranularity;
import io.sluice.avro.CostRecord;
import io.sluice.schemas.registry.KafkaSchemaLog;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.TopicSpec;
import io.sluice.schemas.topic.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sluice report costs} against a real broker: committed records only, highest revision per day. */
@ExtendWith(SharedKafkaExtension.class)
class CostReportIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void theCsvReportHoldsEachDaysHighestCommittedRevisionAndFencesNoRegistry(SharedKafka kafka, @TempDir Path dir)
            throws Exception {
        // given Sluice's schemas and costs topics under a prefix of this test, with a registry writer running
        String prefix = SharedKafka.newPrefix("report");
        TopicAdmin.ensureTopics(kafka.clientProps(), List.of(new TopicSpec(Topics.schemasTopic(prefix), true, Map.of()),
                new TopicSpec(prefix + "costs", false, Map.of())), 3, (short) 1, 0, TIMEOUT);
        try (var schemaLog = KafkaSchemaLog.open(kafka.clientProps(), Topics.schemasTopic(prefix), TIMEOUT)) {
            var topics = new Topics(prefix, schemaLog.store());
            topics.registerSchemas();
            Topic<String, CostRecord> costs = topics.costs();
            // and committed cost records: two revisions of one day, an hour record, a second tenant, a day past --to
            send(kafka, costs, null, List.of(
                    day("2025-05-01", "acme", "chat", "gpt-4o", 1, 1, 100),
                    day("2025-05-01", "acme", "chat", "gpt-4o", 2, 2, 250),
                    cost(CostGranularity.HOUR, Instant.parse("2025-05-01T10:00:00Z"), "acme", "chat", "gpt-4o", 5, 5, 999),
                    day("2025-05-02", "beta", "", "claude", 1, 4, 1_000_000),
                    day("2025-05-03", "acme", "chat", "gpt-4o", 1, 1, 5)));
            // and an aborted transaction with a higher revision that must not count
            send(kafka, costs, prefix + "aborted-writer", List.of(day("2025-05-01", "acme", "chat", "gpt-4o", 99, 99, 777)));
            Path config = Files.writeString(dir.resolve("sluice.yaml"), "kafka:\n  topic-prefix: \"" + prefix + "\"\n");

            // when
            var out = new StringWriter();
            var err = new StringWriter();
            int exit = new CommandLine(new SluiceCli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(
                    "report", "costs", "--config", config.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                    "--from", "2025-05-01", "--to", "2025-05-03", "--format", "csv", "--timeout", "60");

            // then
            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).isEqualTo(String.join("\r\n",
                    "date,tenant,app,model,requests,errors,cache_hits,prompt_tokens,completion_tokens,"
                            + "cached_prompt_tokens,cost_usd,saved_usd",
                    "2025-05-01,acme,chat,gpt-4o,2,0,0,200,20,0,0.000250,0.000000",
                    "2025-05-02,beta,,claude,4,0,0,400,40,0,1.000000,0.000000",
                    ""));
            // and the running registry's writer was not fenced by the report
            assertThat(schemaLog.store().register(prefix + "check", AiRequest.getClassSchema())).isPositive();
        }
    }

    private static void send(SharedKafka kafka, Topic<String, CostRecord> topic, String transactionalId,
            List<CostRecord> records) throws Exception {
        Map<String, Object> props = new HashMap<>(kafka.clientProps());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        try (var producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            if (transactionalId != null) {
                producer.initTransactions();
                producer.beginTransaction();
            }
            for (CostRecord r : records) {
                producer.send(new ProducerRecord<>(topic.name(), r.getTenantId(), r)).get();
            }
            if (transactionalId != null) {
                producer.abortTransaction();
            }
        }
    }

    private static CostRecord day(String date, String tenant, String app, String model, long revision, long requests,
            long costMicros) {
        return cost(CostGranularity.DAY, Instant.parse(date + "T00:00:00Z"), tenant, app, model, revision, requests, costMicros);
    }

    private static CostRecord cost(CostGranularity granularity, Instant start, String tenant, String app, String model,
            long revision, long requests, long costMicros) {
        return CostRecord.newBuilder().setTenantId(tenant).setAppId(app).setModel(model).setGranularity(granularity)
                .setPeriodStart(start).setRevision(revision).setRequests(requests).setErrors(0).setCacheHits(0)
                .setPromptTokens(requests * 100).setCompletionTokens(requests * 10).setCachedPromptTokens(0)
                .setCostMicros(costMicros).setSavedMicros(0).setUpdatedAt(start.plusSeconds(60)).build();
    }
}
