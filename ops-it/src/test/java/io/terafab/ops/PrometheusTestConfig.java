package io.terafab.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The Prometheus config of {@code deploy/prometheus/prometheus.yml}, changed only where a test
 * must: each target (found by its {@code service} label) points at the port that service got,
 * scrapes and rule evaluations run at the test's interval, and rule files are absolute paths
 * because the derived config lives elsewhere. Everything else (job, metrics path, labels, rules)
 * is what operators deploy.
 */
final class PrometheusTestConfig {

    private static final YAMLMapper YAML = new YAMLMapper();
    /** Scraped when deployed, but not part of the twin under test: the sensor simulator only feeds it traffic. */
    static final Set<String> NOT_UNDER_TEST = Set.of("sensor-simulator");

    private PrometheusTestConfig() {}

    static String derive(Path deployedConfig, Map<String, Integer> portByService, Duration interval) {
        ObjectNode config;
        try {
            config = (ObjectNode) YAML.readTree(deployedConfig.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + deployedConfig, e);
        }
        String every = interval.toSeconds() + "s";
        ObjectNode global = config.has("global") ? (ObjectNode) config.get("global") : config.putObject("global");
        global.put("scrape_interval", every);
        global.put("evaluation_interval", every);
        global.remove("scrape_timeout");

        JsonNode deployedRules = config.path("rule_files").deepCopy();
        ArrayNode rules = config.putArray("rule_files");
        Path base = deployedConfig.toAbsolutePath().getParent();
        deployedRules.forEach(
                pattern -> rules.add(base.resolve(pattern.asText()).toString()));

        ArrayNode jobs = (ArrayNode) config.path("scrape_configs");
        for (int i = jobs.size() - 1; i >= 0; i--) {
            if (jobs.get(i).path("static_configs").findValuesAsText("service").stream()
                    .allMatch(NOT_UNDER_TEST::contains)) {
                jobs.remove(i);
            }
        }
        for (JsonNode job : jobs) {
            ((ObjectNode) job).remove("scrape_interval");
            ((ObjectNode) job).remove("scrape_timeout");
            for (JsonNode targets : job.path("static_configs")) {
                String service = targets.path("labels").path("service").asText();
                Integer port = portByService.get(service);
                if (port == null) {
                    throw new IllegalStateException("a scrape target of " + deployedConfig + " is labelled service=\""
                            + service + "\", which the test does not run; known: " + portByService.keySet());
                }
                ((ObjectNode) targets).putArray("targets").add("127.0.0.1:" + port);
            }
        }
        try {
            return YAML.writeValueAsString(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
