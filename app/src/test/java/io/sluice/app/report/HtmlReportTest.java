package io.sluice.app.report;

import static io.sluice.app.report.Fixtures.period;
import static io.sluice.app.report.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    @Test
    void namesFromTheDataAreEscapedEverywhere() {
        // given names that would be markup if written raw
        List<CostRow> rows = List.of(
                row("2025-05-01", "<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>", "m&m's", 1, 10, 100, 0));

        // when
        String html = HtmlReport.render(period("2025-05-01", "2025-05-02"), rows);

        // then no element comes from the data, and the names are shown as text
        assertThat(html).doesNotContain("<script").doesNotContain("<img");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;")
                .contains("m&amp;m&#39;s")
                .contains("data-tenant=\"&lt;script&gt;alert(1)&lt;/script&gt;\"");
    }

    @Test
    void oneStackedBarSegmentPerTenantAndDayWithItsCost() {
        // given three tenants on two days; acme twice on day one (two models)
        List<CostRow> rows = List.of(
                row("2025-05-01", "acme", "chat", "gpt-4o", 1, 10, 300, 0),
                row("2025-05-01", "acme", "chat", "claude", 1, 10, 200, 0),
                row("2025-05-01", "beta", "", "gpt-4o", 1, 10, 50, 0),
                row("2025-05-03", "gamma", "", "gpt-4o", 1, 10, 70, 0));

        // when
        String html = HtmlReport.render(period("2025-05-01", "2025-05-04"), rows);

        // then
        assertThat(matches(html, "<rect class=\"bar\"[^>]*data-tenant=\"([^\"]*)\" data-date=\"([^\"]*)\" data-cost-micros=\"(\\d+)\""))
                .containsExactly("acme 2025-05-01 500", "beta 2025-05-01 50", "gamma 2025-05-03 70");
        assertThat(matches(html, "<g class=\"legend-item\"><title>([^<]*)</title>")).containsExactly("acme", "beta", "gamma");
        assertThat(html).contains(">Spend (USD)</text>").contains(">Day (UTC), 2025</text>");
    }

    @Test
    void theModelTableHasOneRowPerModelLargestSpendFirstAndATotal() {
        List<CostRow> rows = List.of(
                row("2025-05-01", "acme", "chat", "small", 2, 10, 1_000, 0),
                row("2025-05-02", "beta", "", "large", 1, 20, 2_500_000, 400),
                row("2025-05-02", "acme", "chat", "small", 3, 30, 2_000, 600));

        String html = HtmlReport.render(period("2025-05-01", "2025-05-03"), rows);

        String models = html.substring(html.indexOf("<table id=\"models\">"), html.indexOf("</table>"));
        assertThat(matches(models, "<tr class=\"row\"><td class=\"name\">([^<]*)</td><td>([\\d,]+)</td>"))
                .containsExactly("large 1", "small 5");
        assertThat(models).contains("<td>2.500000</td><td>0.000400</td>")
                .contains("<td>0.003000</td><td>0.000600</td>")
                .contains("<tfoot><tr><td colspan=\"1\">Total</td><td>6</td>");
        assertThat(html).contains("<dd id=\"total-cost\">$2.503000</dd>");
    }

    @Test
    void anEmptyPeriodSaysSoAndDrawsNoBars() {
        String html = HtmlReport.render(period("2025-05-01", "2025-05-08"), List.of());

        assertThat(html).contains("No cost records in this period.").doesNotContain("class=\"bar\"");
    }

    @Test
    void axisStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(SpendChart.step(1_000_000)).isEqualTo(200_000);
        assertThat(SpendChart.step(3_300_000)).isEqualTo(1_000_000);
        assertThat(SpendChart.step(7)).isEqualTo(2);
        assertThat(SpendChart.step(1)).isEqualTo(1);
    }

    private static List<String> matches(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        var found = new ArrayList<String>();
        while (m.find()) {
            var groups = new StringBuilder();
            for (int g = 1; g <= m.groupCount(); g++) {
                groups.append(g > 1 ? " " : "").append(m.group(g));
            }
            found.add(groups.toString());
        }
        return found;
    }
}
