package io.sluice.app.report;

import static io.sluice.app.report.Fixtures.period;
import static io.sluice.app.report.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a browser sees it: headless Chromium loads the file and dumps the DOM it
 * built, so the chart's SVG bars and the table rows are checked after real parsing (an unescaped
 * name would have become an element). Skips when Chromium is not installed.
 */
class HtmlReportInChromiumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 90;

    @TempDir
    Path dir;

    @Test
    void chromiumBuildsOneBarPerTenantAndDayAndOneTableRowPerModel() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "headless Chromium is not installed at " + CHROMIUM + " (apt-get install chromium); browser check skipped");
        // given four tenant/day pairs over a week, two models, and a tenant named like markup
        List<CostRow> rows = List.of(
                row("2025-05-01", "acme", "chat", "gpt-4o", 10, 1_000, 1_500_000, 0),
                row("2025-05-01", "acme", "batch", "claude", 4, 800, 700_000, 100_000),
                row("2025-05-01", "<script>document.title='pwned'</script>", "", "gpt-4o", 2, 50, 90_000, 0),
                row("2025-05-04", "beta", "", "claude", 7, 300, 2_250_000, 0),
                row("2025-05-07", "acme", "chat", "gpt-4o", 1, 100, 10_000, 0));
        Path page = dir.resolve("costs.html");
        Files.writeString(page, HtmlReport.render(period("2025-05-01", "2025-05-08"), rows), StandardCharsets.UTF_8);

        // when
        String dom = dumpDom(page);

        // then
        assertThat(count(dom, "<svg[^>]*class=\"chart\"")).isEqualTo(1);
        assertThat(count(dom, "<rect class=\"bar\"")).isEqualTo(4);
        assertThat(dom).contains("data-tenant=\"beta\" data-date=\"2025-05-04\" data-cost-micros=\"2250000\"");
        String models = dom.substring(dom.indexOf("<table id=\"models\">"));
        models = models.substring(0, models.indexOf("</table>"));
        assertThat(count(models, "<tr class=\"row\">")).isEqualTo(2);
        assertThat(models).contains(">claude</td>").contains(">gpt-4o</td>");
        assertThat(dom).doesNotContain("<script").doesNotContain("pwned</title>")
                .contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;");
    }

    private String dumpDom(Path page) throws IOException, InterruptedException {
        Path out = dir.resolve("dom.html");
        Path err = dir.resolve("chromium.log");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--disable-gpu", "--no-sandbox",
                "--no-first-run", "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", page.toUri().toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            chromium.descendants().forEach(ProcessHandle::destroyForcibly);
            chromium.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium (pid " + chromium.pid() + ") did not finish within " + TIMEOUT_SECONDS
                    + " s and was killed; its log: " + Files.readString(err));
        }
        assertThat(chromium.exitValue()).as("chromium exit code; log: %s", Files.readString(err)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static int count(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }
}
