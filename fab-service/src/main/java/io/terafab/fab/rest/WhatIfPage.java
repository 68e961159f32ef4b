package io.terafab.fab.rest;

import io.terafab.fab.domain.FabForecaster.Band;
import io.terafab.fab.domain.FabWhatIf;
import io.terafab.fab.domain.ScenarioChange;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A what-if's result as one self-contained HTML page an operator opens in a browser: the scenario,
 * inline SVG charts of baseline against scenario per week (P50 as bars, P10-P90 as whiskers), and the
 * table of figures. No script runs and nothing is fetched: the styles are inline, and the result itself
 * rides along as a JSON data block ({@code <script type="application/json" id="what-if-result">},
 * which browsers do not execute) for tools that read the page, such as {@code deploy/twin what-if}.
 */
final class WhatIfPage {

    private static final String BASELINE = "#7f8c99";
    private static final String SCENARIO = "#d9822b";

    private WhatIfPage() {}

    static String render(String fab, FabWhatIf.Result r, String resultJson) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>What-if on ")
                .append(escape(fab))
                .append(
                        "</title></head>\n<body style=\"font-family:sans-serif;max-width:980px;margin:2em auto;color:#222\">\n");
        html.append("<h1 style=\"font-size:1.4em\">What-if on ")
                .append(escape(fab))
                .append("</h1>\n<p>From ")
                .append(r.from())
                .append(", ")
                .append(r.horizonDays())
                .append(" days ahead, ")
                .append(r.replications())
                .append(" paired replications (baseline and scenario on the same seeds, seed ")
                .append(r.seed())
                .append("). Ran in ")
                .append(format(r.wallSeconds(), 1))
                .append(" s (")
                .append(format(r.cpuSeconds(), 1))
                .append(" s of CPU): ")
                .append(format(r.speedUp(), 0))
                .append(" times faster than real time.</p>\n<h2 style=\"font-size:1.1em\">Changes</h2>\n<ul>\n");
        if (r.changes().isEmpty()) {
            html.append("<li>none: the scenario is the baseline</li>\n");
        }
        for (ScenarioChange.Spec c : r.changes()) {
            html.append("<li>").append(escape(describe(c))).append("</li>\n");
        }
        html.append("</ul>\n");
        html.append(legend());
        html.append(chart("Wafers out per week", "wafers", r.weeks(), FabWhatIf.Week::wafersOut));
        html.append(differences(r.weeks()));
        html.append(chart("Fab energy per week", "MWh", r.weeks(), w -> scaled(w.energyKwh(), 1e-3)));
        html.append(table(r));
        html.append("<script type=\"application/json\" id=\"what-if-result\">")
                .append(resultJson.replace("</", "<\\/"))
                .append("</script>\n</body></html>\n");
        return html.toString();
    }

    static String describe(ScenarioChange.Spec c) {
        String window = " from hour " + format(c.startHours(), 1) + " for " + format(c.durationHours(), 1) + " h";
        String product = c.product() == null ? "every product" : c.product();
        return switch (c.kind()) {
            case ScenarioChange.TOOLS_DOWN -> c.count() + " tools of group " + c.group() + " down" + window;
            case ScenarioChange.WAFER_STARTS ->
                "wafer starts of " + product + " "
                        + (c.multiplier() != null
                                ? "× " + format(c.multiplier(), 2)
                                : "set to " + format(c.wafersPerDay(), 0) + " wafers/day")
                        + window;
            case ScenarioChange.PRIORITY_MIX ->
                "priority mix of " + product + ":"
                        + (c.hotShare() == null ? "" : " hot " + format(c.hotShare() * 100, 1) + " %")
                        + (c.superHotShare() == null ? "" : " super-hot " + format(c.superHotShare() * 100, 1) + " %")
                        + window;
            case ScenarioChange.FAB_POWER_CAP -> "fab power capped at " + format(c.capMw(), 1) + " MW" + window;
            default -> c.kind() + window;
        };
    }

    private static FabWhatIf.Comparison scaled(FabWhatIf.Comparison c, double factor) {
        return new FabWhatIf.Comparison(
                scaled(c.baseline(), factor), scaled(c.scenario(), factor), scaled(c.difference(), factor));
    }

    private static Band scaled(Band b, double factor) {
        return new Band(b.p10() * factor, b.p50() * factor, b.p90() * factor);
    }

    private static String legend() {
        return "<p style=\"font-size:0.9em\"><span style=\"display:inline-block;width:12px;height:12px;background:"
                + BASELINE + "\"></span> baseline &nbsp; <span style=\"display:inline-block;width:12px;height:12px;"
                + "background:" + SCENARIO + "\"></span> scenario &nbsp; (bars: P50; whiskers: P10-P90)</p>\n";
    }

    /** Grouped bars per week, baseline then scenario, on a scale from 0. */
    private static String chart(
            String title, String unit, List<FabWhatIf.Week> weeks, Function<FabWhatIf.Week, FabWhatIf.Comparison> of) {
        int width = 900;
        int height = 280;
        int left = 70;
        int bottom = 40;
        int top = 30;
        double max = 0;
        for (FabWhatIf.Week w : weeks) {
            FabWhatIf.Comparison c = of.apply(w);
            max = Math.max(max, Math.max(c.baseline().p90(), c.scenario().p90()));
        }
        double scale = max > 0 ? niceCeiling(max) : 1;
        double plotHeight = height - top - bottom;
        double slot = (double) (width - left - 10) / Math.max(1, weeks.size());
        double bar = Math.min(40, slot * 0.35);
        StringBuilder svg = open(title, title, width, height);
        for (int tick = 0; tick <= 4; tick++) {
            gridLine(svg, left, width, top + plotHeight * (1 - tick / 4.0), scale * tick / 4, "#ddd");
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%s</text>\n", top - 12, escape(unit)));
        for (int i = 0; i < weeks.size(); i++) {
            FabWhatIf.Week w = weeks.get(i);
            FabWhatIf.Comparison c = of.apply(w);
            double x0 = left + slot * i + (slot - 2 * bar) / 2;
            bar(svg, x0, bar, c.baseline(), scale, top, plotHeight, BASELINE);
            bar(svg, x0 + bar, bar, c.scenario(), scale, top, plotHeight, SCENARIO);
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">week %d</text>\n",
                    x0 + bar,
                    height - bottom + 16,
                    w.week()));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** Per week, scenario − baseline wafers out: P50 as a bar from zero, P10-P90 as a whisker. */
    private static String differences(List<FabWhatIf.Week> weeks) {
        int width = 900;
        int height = 220;
        int left = 70;
        int top = 30;
        int bottom = 30;
        double extent = 0;
        for (FabWhatIf.Week w : weeks) {
            Band d = w.wafersOut().difference();
            extent = Math.max(extent, Math.max(Math.abs(d.p10()), Math.abs(d.p90())));
        }
        double scale = extent > 0 ? niceCeiling(extent) : 1;
        double half = (height - top - bottom) / 2.0;
        double zero = top + half;
        double slot = (double) (width - left - 10) / Math.max(1, weeks.size());
        double bar = Math.min(40, slot * 0.35);
        StringBuilder svg =
                open("Wafers out per week, scenario − baseline (paired)", "wafers out difference", width, height);
        for (int tick = -2; tick <= 2; tick++) {
            gridLine(svg, left, width, zero - half * tick / 2, scale * tick / 2, tick == 0 ? "#888" : "#ddd");
        }
        for (int i = 0; i < weeks.size(); i++) {
            FabWhatIf.Week w = weeks.get(i);
            Band d = w.wafersOut().difference();
            double x = left + slot * i + (slot - bar) / 2;
            double y50 = zero - half * d.p50() / scale;
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>P50 %s (P10 %s,"
                            + " P90 %s)</title></rect><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                            + " stroke=\"#222\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">week %d</text>\n",
                    x,
                    Math.min(y50, zero),
                    bar,
                    Math.abs(zero - y50),
                    SCENARIO,
                    format(d.p50(), 0),
                    format(d.p10(), 0),
                    format(d.p90(), 0),
                    x + bar / 2,
                    zero - half * d.p10() / scale,
                    x + bar / 2,
                    zero - half * d.p90() / scale,
                    x + bar / 2,
                    height - 8,
                    w.week()));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** A chart's heading and the opening of its SVG element. */
    private static StringBuilder open(String title, String label, int width, int height) {
        StringBuilder svg = new StringBuilder();
        svg.append("<h2 style=\"font-size:1.1em\">")
                .append(escape(title))
                .append("</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" role=\"img\" aria-label=\"")
                .append(escape(label))
                .append("\" style=\"font-size:11px\">\n");
        return svg;
    }

    /** A horizontal grid line across the plot at {@code y}, labelled with {@code value} on the axis. */
    private static void gridLine(StringBuilder svg, int left, int width, double y, double value, String colour) {
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>"
                        + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                left,
                y,
                width - 10,
                y,
                colour,
                left - 6,
                y + 4,
                format(value, 0)));
    }

    private static void bar(
            StringBuilder svg,
            double x,
            double width,
            Band band,
            double scale,
            int top,
            double plotHeight,
            String colour) {
        double y50 = top + plotHeight * (1 - band.p50() / scale);
        double y10 = top + plotHeight * (1 - band.p10() / scale);
        double y90 = top + plotHeight * (1 - band.p90() / scale);
        double base = top + plotHeight;
        double mid = x + width / 2;
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>P50 %s (P10 %s, P90 %s)</title></rect>"
                        + "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\"/>\n",
                x,
                y50,
                width - 2,
                Math.max(0, base - y50),
                colour,
                format(band.p50(), 0),
                format(band.p10(), 0),
                format(band.p90(), 0),
                mid - 1,
                y10,
                mid - 1,
                y90));
    }

    private static String table(FabWhatIf.Result r) {
        StringBuilder t = new StringBuilder();
        t.append(
                        "<h2 style=\"font-size:1.1em\">Figures (P50; difference: P10 / P50 / P90 of scenario − baseline)</h2>\n")
                .append("<table style=\"border-collapse:collapse;font-size:0.9em\" cellpadding=\"4\">\n")
                .append("<tr style=\"background:#eee\"><th>week</th><th>wafers out baseline</th><th>scenario</th>"
                        + "<th>difference</th><th>energy MWh baseline</th><th>scenario</th><th>difference</th></tr>\n");
        for (FabWhatIf.Week w : r.weeks()) {
            row(t, "week " + w.week(), w.wafersOut(), scaled(w.energyKwh(), 1e-3));
        }
        FabWhatIf.Total total = r.total();
        row(t, "total", total.wafersOut(), scaled(total.energyKwh(), 1e-3));
        t.append("</table>\n");
        return t.toString();
    }

    private static void row(StringBuilder t, String label, FabWhatIf.Comparison wafers, FabWhatIf.Comparison mwh) {
        t.append("<tr style=\"border-top:1px solid #ddd\"><td>")
                .append(label)
                .append("</td><td>")
                .append(format(wafers.baseline().p50(), 0))
                .append("</td><td>")
                .append(format(wafers.scenario().p50(), 0))
                .append("</td><td>")
                .append(spread(wafers.difference()))
                .append("</td><td>")
                .append(format(mwh.baseline().p50(), 0))
                .append("</td><td>")
                .append(format(mwh.scenario().p50(), 0))
                .append("</td><td>")
                .append(spread(mwh.difference()))
                .append("</td></tr>\n");
    }

    private static String spread(Band b) {
        return format(b.p10(), 0) + " / " + format(b.p50(), 0) + " / " + format(b.p90(), 0);
    }

    /** 1, 2 or 5 times a power of ten, at or above {@code value}. */
    private static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String format(Double value, int decimals) {
        return value == null ? "-" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
