package io.terafab.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One style for every dashboard under deploy/grafana/dashboards, whoever wrote it: found by
 * uid, filterable by site, every panel on the fixed Prometheus datasource with a unit and a
 * description. (Whether the queries return data is {@link DashboardQueries}'s job.)
 */
class DashboardConventionsTest {

    static final String SITE_VARIABLE_QUERY = "label_values(terafab_twin_clock_speed, site)";
    private static final Pattern HARD_CODED_TARGET = Pattern.compile("\\b(instance|job)\\s*(=|=~|!=|!~)\\s*\"");

    static List<Path> dashboards() {
        return GrafanaDashboards.files();
    }

    @Test
    void theOperatorsDashboardsAreThere() {
        assertThat(dashboards())
                .extracting(p -> p.getFileName().toString())
                .contains("campus-overview.json", "fab.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void isFoundByItsUidAndTag(Path file) {
        JsonNode dashboard = GrafanaDashboards.read(file);
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        assertThat(dashboard.path("uid").asText()).isEqualTo("terafab-" + name);
        assertThat(dashboard.path("tags")).extracting(JsonNode::asText).contains("terafab");
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).as("schemaVersion").isGreaterThanOrEqualTo(39);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void hasTheSiteVariable(Path file) {
        JsonNode site = GrafanaDashboards.variables(GrafanaDashboards.read(file)).stream()
                .filter(v -> v.path("name").asText().equals("site"))
                .findFirst()
                .orElse(null);
        assertThat(site).as("a template variable named site").isNotNull();
        assertThat(site.path("type").asText()).isEqualTo("query");
        assertPrometheusDatasource(site.path("datasource"), "the site variable");
        String query = site.path("query").isObject()
                ? site.path("query").path("query").asText()
                : site.path("query").asText();
        assertThat(query.replace(" ", "")).isEqualTo(SITE_VARIABLE_QUERY.replace(" ", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void everyPanelQueriesTheFixedDatasourceBySiteWithAUnitAndADescription(Path file) {
        JsonNode dashboard = GrafanaDashboards.read(file);
        SoftAssertions soft = new SoftAssertions();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : GrafanaDashboards.panels(dashboard)) {
            String where = file.getFileName() + " › panel " + panel.path("id").asInt() + " \""
                    + panel.path("title").asText() + "\"";
            soft.assertThat(ids.add(panel.path("id").asInt()))
                    .as("%s: panel id unique", where)
                    .isTrue();
            if (!GrafanaDashboards.holdsQueries(panel)) {
                continue;
            }
            soft.assertThat(panel.path("description").asText())
                    .as("%s: description", where)
                    .isNotBlank();
            soft.assertThat(panel.at("/fieldConfig/defaults/unit").asText())
                    .as("%s: fieldConfig.defaults.unit", where)
                    .isNotBlank();
            soft.assertThat(panel.path("datasource").path("uid").asText())
                    .as("%s: datasource uid", where)
                    .isEqualTo("prometheus");
            soft.assertThat(panel.path("datasource").path("type").asText())
                    .as("%s: datasource type", where)
                    .isEqualTo("prometheus");
            soft.assertThat(panel.path("targets")).as("%s: targets", where).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                String at = where + " › " + target.path("refId").asText();
                String expr = target.path("expr").asText();
                soft.assertThat(target.path("datasource").path("uid").asText())
                        .as("%s: datasource uid", at)
                        .isEqualTo("prometheus");
                soft.assertThat(target.path("datasource").path("type").asText())
                        .as("%s: datasource type", at)
                        .isEqualTo("prometheus");
                soft.assertThat(expr).as("%s: expr", at).isNotBlank();
                soft.assertThat(expr).as("%s: filters by site", at).contains("site=~\"$site\"");
                soft.assertThat(HARD_CODED_TARGET.matcher(expr).find())
                        .as("%s: names an instance or job: %s", at, expr)
                        .isFalse();
            }
        }
        soft.assertAll();
    }

    private static void assertPrometheusDatasource(JsonNode datasource, String what) {
        assertThat(datasource.path("type").asText())
                .as("%s datasource type", what)
                .isEqualTo("prometheus");
        assertThat(datasource.path("uid").asText())
                .as("%s datasource uid", what)
                .isEqualTo("prometheus");
    }
}
