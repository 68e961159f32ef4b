package io.terafab.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every alert tells the operator what happened and where its runbook is, and that runbook exists. */
class AlertRunbooksTest {

    private static final String RUNBOOKS = "docs/runbooks.md";

    @Test
    void everyAlertHasASummaryADescriptionAndARunbookSectionThatExists() throws Exception {
        List<AlertRules.AlertRule> alerts = AlertRules.all();
        assertThat(alerts).isNotEmpty();
        Set<String> anchors = Files.readAllLines(TwinRepository.runbooks()).stream()
                .filter(line -> line.startsWith("## "))
                .map(line -> githubAnchor(line.substring(3)))
                .collect(Collectors.toSet());
        for (AlertRules.AlertRule alert : alerts) {
            assertThat(alert.annotations().get("summary"))
                    .as("summary of %s in %s", alert.name(), alert.file())
                    .isNotBlank();
            assertThat(alert.annotations().get("description"))
                    .as("description of %s", alert.name())
                    .isNotBlank();
            String runbook = alert.annotations().get("runbook_url");
            assertThat(runbook).as("runbook_url of %s", alert.name()).startsWith(RUNBOOKS + "#");
            assertThat(anchors)
                    .as("a '## %s' section in %s for %s", alert.name(), RUNBOOKS, runbook)
                    .contains(runbook.substring(RUNBOOKS.length() + 1));
        }
    }

    @Test
    void alertNamesAreUnique() {
        List<String> names =
                AlertRules.all().stream().map(AlertRules.AlertRule::name).toList();
        assertThat(names).doesNotHaveDuplicates();
    }

    /** GitHub's heading anchor: lower case, punctuation dropped, spaces as hyphens. */
    static String githubAnchor(String heading) {
        return heading.trim()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9 _-]", "")
                .replace(' ', '-');
    }
}
