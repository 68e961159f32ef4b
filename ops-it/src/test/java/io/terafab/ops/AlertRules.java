package io.terafab.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The alerting rules of {@code deploy/prometheus/rules/*.yml}, as operators deploy them. */
final class AlertRules {

    /** One alerting rule: its name, the file it is in, and its annotations. */
    record AlertRule(String name, String file, Map<String, String> annotations) {}

    private static final YAMLMapper YAML = new YAMLMapper();

    private AlertRules() {}

    static List<AlertRule> all() {
        List<AlertRule> rules = new ArrayList<>();
        for (Path file :
                TwinRepository.filesEndingWith(TwinRepository.prometheus().resolve("rules"), ".yml")) {
            JsonNode content;
            try {
                content = YAML.readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            for (JsonNode group : content.path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.has("alert")) {
                        Map<String, String> annotations = new LinkedHashMap<>();
                        rule.path("annotations")
                                .fields()
                                .forEachRemaining(a ->
                                        annotations.put(a.getKey(), a.getValue().asText()));
                        rules.add(new AlertRule(
                                rule.get("alert").asText(), file.getFileName().toString(), annotations));
                    }
                }
            }
        }
        return rules;
    }
}
