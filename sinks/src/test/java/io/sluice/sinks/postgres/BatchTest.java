package io.sluice.sinks.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.CostGranularity;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BatchTest {

    @Test
    void ofSeveralRevisionsOfOneCostAggregateOnlyTheHighestIsWritten() {
        // given revisions 2, 5, 3 of one daily aggregate, revision 1 of the same hour, and a response
        Row response = Rows.response(RowsTest.response("r1").build());
        List<Row> rows = List.of(Rows.cost(RowsTest.cost(CostGranularity.DAY, 2)), response,
                Rows.cost(RowsTest.cost(CostGranularity.DAY, 5)), Rows.cost(RowsTest.cost(CostGranularity.HOUR, 1)),
                Rows.cost(RowsTest.cost(CostGranularity.DAY, 3)));

        // when
        Batch batch = new Batch(rows, Map.of(new TopicPartition("costs", 0), 5L));

        // then
        assertThat(batch.rows()).hasSize(3);
        assertThat(batch.rows()).contains(response);
        assertThat(batch.rows()).filteredOn(r -> r.table() == Table.COSTS_DAILY).singleElement()
                .extracting(r -> r.get("revision")).isEqualTo(5L);
        assertThat(batch.rows()).filteredOn(r -> r.table() == Table.COSTS_HOURLY).singleElement()
                .extracting(r -> r.get("revision")).isEqualTo(1L);
    }

    @Test
    void factsAreInsertedOnceAndCostsReplacedOnlyByAHigherRevision() {
        assertThat(Table.AUDIT_EVENTS.upsertSql()).endsWith("on conflict (event_id) do nothing")
                .contains("\"timestamp\"").contains("?::jsonb");
        assertThat(Table.RESPONSES.upsertSql()).endsWith("on conflict (request_id) do nothing");
        assertThat(Table.COSTS_DAILY.upsertSql())
                .contains("on conflict (tenant_id, app_id, model, period_start) do update set revision = excluded.revision")
                .endsWith("where costs_daily.revision < excluded.revision");
    }
}
