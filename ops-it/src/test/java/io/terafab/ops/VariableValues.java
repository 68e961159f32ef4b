package io.terafab.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value for each template variable of a dashboard, the way a user opening it would get one:
 * a {@code label_values} query asks Prometheus and takes the first value (variables defined
 * earlier are substituted into it first, as Grafana chains them); custom, constant, textbox and
 * interval variables take their current or first value.
 */
final class VariableValues {

    private static final Pattern LABEL_VALUES =
            Pattern.compile("^\\s*label_values\\(\\s*(?:(.+?)\\s*,\\s*)?(\\w+)\\s*\\)\\s*$");

    private VariableValues() {}

    /**
     * @throws IllegalStateException when a variable has no value yet (no series carries the label so far)
     * @throws IllegalArgumentException when a variable is of a kind this test cannot evaluate
     */
    static Map<String, String> resolve(JsonNode dashboard, PrometheusProcess prometheus) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode variable : GrafanaDashboards.variables(dashboard)) {
            String name = variable.path("name").asText();
            String type = variable.path("type").asText();
            String value = switch (type) {
                case "query" -> firstLabelValue(name, queryOf(variable), TemplateVariables.of(values), prometheus);
                case "custom", "interval" -> currentOrFirstOption(variable);
                case "constant", "textbox" -> queryOf(variable);
                case "datasource" -> "prometheus";
                case "adhoc" -> null;
                default ->
                    throw new IllegalArgumentException("variable $" + name + " is of type " + type
                            + ", which the dashboard query test cannot evaluate");
            };
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    private static String firstLabelValue(
            String name, String query, TemplateVariables earlier, PrometheusProcess prometheus) {
        Matcher labelValues = LABEL_VALUES.matcher(query);
        if (!labelValues.matches()) {
            throw new IllegalArgumentException("variable $" + name + " uses \"" + query
                    + "\"; the dashboard query test evaluates label_values(...) queries only");
        }
        String selector = labelValues.group(1) == null ? null : earlier.substitute(labelValues.group(1));
        List<String> found = prometheus.labelValues(labelValues.group(2), selector);
        if (found.isEmpty()) {
            throw new IllegalStateException("variable $" + name + ": " + query + " has no value yet");
        }
        return found.get(0);
    }

    private static String queryOf(JsonNode variable) {
        JsonNode query = variable.path("query");
        return query.isObject() ? query.path("query").asText() : query.asText();
    }

    private static String currentOrFirstOption(JsonNode variable) {
        JsonNode current = variable.path("current").path("value");
        String value = current.isArray() ? current.path(0).asText() : current.asText();
        if (!value.isBlank() && !value.equals("$__all")) {
            return value;
        }
        for (JsonNode option : variable.path("options")) {
            if (!option.path("value").asText().equals("$__all")) {
                return option.path("value").asText();
            }
        }
        return queryOf(variable).split(",")[0].trim();
    }
}
