package io.sluice.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReportTest {

    @Test
    void oneQuotedLinePerRowWithExactDollars() {
        // given rows with names that need quoting and amounts down to one micro-dollar
        List<CostRow> rows = List.of(
                new CostRow(LocalDate.parse("2025-05-01"), "acme", "chat, v2", "gpt-4o", 12, 1, 3, 1200, 340, 100,
                        1_234_567, 5),
                new CostRow(LocalDate.parse("2025-05-02"), "beta \"labs\"", "", "line\nbreak", 1, 0, 0, 10, 2, 0, 0,
                        12_000_000_000L));

        // when
        String csv = CsvReport.render(rows);

        // then
        assertThat(csv).isEqualTo(String.join("\r\n",
                "date,tenant,app,model,requests,errors,cache_hits,prompt_tokens,completion_tokens,cached_prompt_tokens,"
                        + "cost_usd,saved_usd",
                "2025-05-01,acme,\"chat, v2\",gpt-4o,12,1,3,1200,340,100,1.234567,0.000005",
                "2025-05-02,\"beta \"\"labs\"\"\",,\"line\nbreak\",1,0,0,10,2,0,0.000000,12000.000000",
                ""));
    }

    @Test
    void noRowsIsJustTheHeader() {
        assertThat(CsvReport.render(List.of())).isEqualTo(CsvReport.HEADER + "\r\n");
    }

    @Test
    void moneyIsFormattedFromTheLongWithoutRounding() {
        assertThat(Money.usd(0)).isEqualTo("0.000000");
        assertThat(Money.usd(-1_500_001)).isEqualTo("-1.500001");
        assertThat(Money.usd(Long.MAX_VALUE)).isEqualTo("9223372036854.775807");
        assertThat(Money.usdShort(1_500_000)).isEqualTo("1.50");
        assertThat(Money.usdShort(5)).isEqualTo("0.000005");
        assertThat(Money.usdShort(0)).isEqualTo("0.00");
    }
}
