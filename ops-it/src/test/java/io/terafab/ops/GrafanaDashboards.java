package io.terafab.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The dashboards of {@code deploy/grafana/dashboards}, read from their JSON at run time so that a
 * dashboard added by anyone is covered without listing it anywhere.
 */
final class GrafanaDashboards {

    /** Panel types that hold no query by nature. */
    static final Set<String> PANELS_WITHOUT_QUERIES = Set.of("row", "text", "news", "dashlist");

    private static final ObjectMapper JSON = new ObjectMapper();

    private GrafanaDashboards() {}

    static List<Path> files() {
        return TwinRepository.filesEndingWith(TwinRepository.dashboards(), ".json");
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard " + file, e);
        }
    }

    /** Every panel, including those nested in (collapsed) rows, in document order. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        collect(dashboard.path("panels"), all);
        return all;
    }

    private static void collect(JsonNode panels, List<JsonNode> into) {
        for (JsonNode panel : panels) {
            into.add(panel);
            collect(panel.path("panels"), into);
        }
    }

    static boolean holdsQueries(JsonNode panel) {
        return !PANELS_WITHOUT_QUERIES.contains(panel.path("type").asText());
    }

    /** Every PromQL expression of every panel of one dashboard. */
    static List<PanelQuery> queries(Path file) {
        JsonNode dashboard = read(file);
        List<PanelQuery> queries = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new PanelQuery(
                        file.getFileName().toString(),
                        panel.path("id").asInt(),
                        panel.path("title").asText(),
                        target.path("refId").asText(),
                        target.path("expr").asText()));
            }
        }
        return queries;
    }

    /** The dashboard's template variables ({@code templating.list}). */
    static List<JsonNode> variables(JsonNode dashboard) {
        List<JsonNode> variables = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(variables::add);
        return variables;
    }
}
