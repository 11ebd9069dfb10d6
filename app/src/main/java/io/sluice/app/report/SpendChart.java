package io.sluice.app.report;

import static io.sluice.app.report.Html.escape;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An inline SVG bar chart of spend per tenant per day: one stacked bar per day, one segment
 * ({@code rect.bar}) per tenant that has cost records that day, a dollar axis with gridlines,
 * day labels, axis titles and a legend. Drawn here so the page needs no script and no network.
 */
final class SpendChart {
    static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
            "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac");
    private static final int WIDTH = 960;
    private static final int LEFT = 96;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int PLOT_HEIGHT = 300;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int LEGEND_ITEM_WIDTH = 180;
    private static final int LEGEND_ROW = 20;
    private static final int LEGEND_NAME_CHARS = 22;

    private SpendChart() {}

    static String svg(ReportPeriod period, List<CostRow> rows) {
        Map<LocalDate, Map<String, Long>> spend = new TreeMap<>();
        var tenants = new TreeSet<String>();
        for (CostRow r : rows) {
            tenants.add(r.tenant());
            spend.computeIfAbsent(r.date(), d -> new TreeMap<>()).merge(r.tenant(), r.costMicros(), Long::sum);
        }
        List<String> tenantOrder = List.copyOf(tenants);
        long max = spend.values().stream().mapToLong(m -> m.values().stream().mapToLong(Long::longValue).sum())
                .max().orElse(0);
        long step = step(max <= 0 ? 1_000_000 : max);
        long top = Math.max(step, (max + step - 1) / step * step);
        int legendRows = (tenantOrder.size() + legendPerRow() - 1) / legendPerRow();
        int height = TOP + PLOT_HEIGHT + 60 + legendRows * LEGEND_ROW + 8;

        var svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"chart-title\">\n")
                .append("<title id=\"chart-title\">Spend per tenant per day in USD, ").append(period.from())
                .append(" to ").append(period.to()).append(" (exclusive)</title>\n");
        yAxis(svg, step, top);
        List<LocalDate> days = period.days();
        double slot = (double) PLOT_WIDTH / days.size();
        xAxis(svg, days, slot);
        double barWidth = Math.max(1, slot * 0.72);
        for (int i = 0; i < days.size(); i++) {
            Map<String, Long> perTenant = spend.getOrDefault(days.get(i), Map.of());
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            long below = 0;
            for (Map.Entry<String, Long> e : perTenant.entrySet()) {
                double y0 = y(below, top);
                below += e.getValue();
                double y1 = y(below, top);
                svg.append("<rect class=\"bar\" x=\"").append(num(x)).append("\" y=\"").append(num(y1))
                        .append("\" width=\"").append(num(barWidth)).append("\" height=\"").append(num(y0 - y1))
                        .append("\" fill=\"").append(color(tenantOrder.indexOf(e.getKey())))
                        .append("\" data-tenant=\"").append(escape(e.getKey()))
                        .append("\" data-date=\"").append(days.get(i))
                        .append("\" data-cost-micros=\"").append(e.getValue()).append("\"><title>")
                        .append(escape(e.getKey())).append(", ").append(days.get(i)).append(": $")
                        .append(Money.usd(e.getValue())).append("</title></rect>\n");
            }
        }
        legend(svg, tenantOrder, TOP + PLOT_HEIGHT + 60);
        return svg.append("</svg>\n").toString();
    }

    /** The smallest 1, 2 or 5 x 10^k micro-dollars that divides {@code max} into at most five steps. */
    static long step(long max) {
        long target = Math.max(1, (max + 4) / 5);
        for (long magnitude = 1; ; magnitude *= 10) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * magnitude >= target) {
                    return m * magnitude;
                }
            }
        }
    }

    private static void yAxis(StringBuilder svg, long step, long top) {
        for (long v = 0; v <= top; v += step) {
            double y = y(v, top);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(num(y)).append("\" y2=\"").append(num(y)).append("\"/>\n")
                    .append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\">$").append(Money.usdShort(v)).append("</text>\n");
        }
        int middle = TOP + PLOT_HEIGHT / 2;
        svg.append("<text class=\"axis-title\" x=\"16\" y=\"").append(middle).append("\" text-anchor=\"middle\" ")
                .append("transform=\"rotate(-90 16 ").append(middle).append(")\">Spend (USD)</text>\n");
    }

    private static void xAxis(StringBuilder svg, List<LocalDate> days, double slot) {
        boolean oneYear = days.get(0).getYear() == days.get(days.size() - 1).getYear();
        DateTimeFormatter format = DateTimeFormatter.ofPattern(oneYear ? "MM-dd" : "yyyy-MM-dd", Locale.ROOT);
        int every = (int) Math.ceil(days.size() / (oneYear ? 12.0 : 8.0));
        int axisY = TOP + PLOT_HEIGHT;
        svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y1=\"").append(axisY).append("\" y2=\"").append(axisY).append("\"/>\n");
        for (int i = 0; i < days.size(); i += every) {
            svg.append("<text class=\"tick\" x=\"").append(num(LEFT + (i + 0.5) * slot)).append("\" y=\"")
                    .append(axisY + 16).append("\" text-anchor=\"middle\">").append(days.get(i).format(format))
                    .append("</text>\n");
        }
        svg.append("<text class=\"axis-title\" x=\"").append(LEFT + PLOT_WIDTH / 2).append("\" y=\"").append(axisY + 38)
                .append("\" text-anchor=\"middle\">Day (UTC)").append(oneYear ? ", " + days.get(0).getYear() : "")
                .append("</text>\n");
    }

    private static void legend(StringBuilder svg, List<String> tenants, int top) {
        for (int i = 0; i < tenants.size(); i++) {
            int x = LEFT + (i % legendPerRow()) * LEGEND_ITEM_WIDTH;
            int y = top + (i / legendPerRow()) * LEGEND_ROW;
            String name = tenants.get(i);
            String shown = name.codePointCount(0, name.length()) > LEGEND_NAME_CHARS
                    ? name.substring(0, name.offsetByCodePoints(0, LEGEND_NAME_CHARS - 1)) + "\u2026"
                    : name;
            svg.append("<g class=\"legend-item\"><title>").append(escape(name)).append("</title>")
                    .append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(color(i)).append("\"/><text x=\"").append(x + 18).append("\" y=\"").append(y + 11).append("\">")
                    .append(escape(shown)).append("</text></g>\n");
        }
    }

    private static int legendPerRow() {
        return PLOT_WIDTH / LEGEND_ITEM_WIDTH;
    }

    private static double y(long micros, long top) {
        return TOP + PLOT_HEIGHT - (double) micros * PLOT_HEIGHT / top;
    }

    static String color(int index) {
        return PALETTE.get(index % PALETTE.size());
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
