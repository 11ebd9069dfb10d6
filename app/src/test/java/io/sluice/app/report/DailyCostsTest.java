package io.sluice.app.report;

import static io.sluice.app.report.Fixtures.day;
import static io.sluice.app.report.Fixtures.midnight;
import static io.sluice.app.report.Fixtures.period;
import static io.sluice.app.report.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.sluice.avro.CostGranularity;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DailyCostsTest {

    @Test
    void theHighestRevisionOfAnAggregateHoldsItsTotals() {
        // given three revisions of one day's aggregate, the highest read before an older one
        var daily = new DailyCosts(period("2025-05-01", "2025-06-01"));
        daily.accept(day("2025-05-03", "acme", "chat", "gpt-4o", 1, 1, 100));
        daily.accept(day("2025-05-03", "acme", "chat", "gpt-4o", 3, 3, 350));
        daily.accept(day("2025-05-03", "acme", "chat", "gpt-4o", 2, 2, 200));

        // when
        List<CostRow> rows = daily.rows();

        // then one row with revision 3's totals
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.date()).isEqualTo(LocalDate.parse("2025-05-03"));
            assertThat(r.requests()).isEqualTo(3);
            assertThat(r.costMicros()).isEqualTo(350);
            assertThat(r.promptTokens()).isEqualTo(300);
        });
        assertThat(daily.recordsSeen()).isEqualTo(3);
    }

    @Test
    void aggregatesDifferingInAppOrModelStaySeparate() {
        var daily = new DailyCosts(period("2025-05-01", "2025-06-01"));
        daily.accept(day("2025-05-03", "acme", "chat", "gpt-4o", 5, 1, 100));
        daily.accept(day("2025-05-03", "acme", "", "gpt-4o", 1, 1, 10));
        daily.accept(day("2025-05-03", "acme", "chat", "claude", 1, 1, 20));

        assertThat(daily.rows()).extracting(CostRow::app, CostRow::model, CostRow::costMicros)
                .containsExactly(
                        tuple("", "gpt-4o", 10L),
                        tuple("chat", "claude", 20L),
                        tuple("chat", "gpt-4o", 100L));
    }

    @Test
    void hourRecordsAreIgnored() {
        // given an HOUR record with a higher revision and cost than the DAY record of the same requests
        var daily = new DailyCosts(period("2025-05-01", "2025-06-01"));
        daily.accept(record(CostGranularity.HOUR, midnight("2025-05-03").plusSeconds(3600), "acme", "chat", "gpt-4o",
                9, 9, 9_000));
        daily.accept(day("2025-05-03", "acme", "chat", "gpt-4o", 2, 2, 200));
        daily.accept(record(CostGranularity.HOUR, midnight("2025-05-04"), "beta", "", "gpt-4o", 1, 1, 50));

        assertThat(daily.rows()).extracting(CostRow::tenant, CostRow::costMicros)
                .containsExactly(tuple("acme", 200L));
    }

    @Test
    void onlyDaysFromInclusiveToExclusiveAreKeptAndRowsAreSorted() {
        var daily = new DailyCosts(period("2025-05-01", "2025-05-03"));
        daily.accept(day("2025-04-30", "acme", "chat", "gpt-4o", 1, 1, 1));
        daily.accept(day("2025-05-02", "zeta", "chat", "gpt-4o", 1, 1, 2));
        daily.accept(day("2025-05-01", "zeta", "chat", "gpt-4o", 1, 1, 3));
        daily.accept(day("2025-05-02", "acme", "chat", "gpt-4o", 1, 1, 4));
        daily.accept(day("2025-05-03", "acme", "chat", "gpt-4o", 1, 1, 5));

        assertThat(daily.rows()).extracting(r -> r.date() + " " + r.tenant())
                .containsExactly("2025-05-01 zeta", "2025-05-02 acme", "2025-05-02 zeta");
    }

    @Test
    void aPeriodMustEndAfterItStarts() {
        assertThatThrownBy(() -> period("2025-05-01", "2025-05-01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exclusive");
    }
}
