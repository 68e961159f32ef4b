package io.terafab.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grafana's variable substitution in a PromQL expression, as far as a query test needs it:
 * {@code $name}, {@code ${name}}, {@code ${name:format}} and {@code [[name]]} become the variable's
 * value; Grafana's interval variables get fixed windows. A {@code $} that names no known variable
 * (such as {@code "$1"} in {@code label_replace}) stays as written, as Grafana leaves it.
 */
final class TemplateVariables {

    /**
     * The windows Grafana computes from the time range and the scrape interval; one minute holds
     * dozens of samples at the test's 1 s scrape interval and is what Grafana would pick for a
     * 30-minute range on a ~1000 px wide panel at the deploy config's 5 s interval.
     */
    static final Map<String, String> INTERVALS = Map.of(
            "__rate_interval", "1m",
            "__interval", "1m",
            "__interval_ms", "60000",
            "__range", "30m",
            "__range_s", "1800",
            "__range_ms", "1800000");

    private static final Pattern REFERENCE =
            Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\[\\[(\\w+)(?::[^]]*)?]]|\\$(\\w+)");

    private final Map<String, String> values;

    private TemplateVariables(Map<String, String> values) {
        this.values = values;
    }

    /** The dashboard's own variables plus Grafana's interval variables. */
    static TemplateVariables of(Map<String, String> dashboardVariables) {
        Map<String, String> all = new LinkedHashMap<>(INTERVALS);
        all.putAll(dashboardVariables);
        return new TemplateVariables(all);
    }

    String substitute(String expr) {
        Matcher matcher = REFERENCE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null
                    ? matcher.group(1)
                    : matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
            String value = values.get(name);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : matcher.group()));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
