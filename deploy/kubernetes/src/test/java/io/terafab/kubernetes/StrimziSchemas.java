package io.terafab.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The schemas of Strimzi's custom resources, as the CRDs Strimzi's own generator writes from the
 * API classes of its Maven artifacts (the same generator and classes the operator's release uses).
 *
 * <p>A CRD schema lets unknown fields through (the API server prunes them silently), so a typo
 * would pass. Here every object schema that lists its properties, and does not keep unknown fields
 * on purpose ({@code x-kubernetes-preserve-unknown-fields}, e.g. a Kafka's free-form {@code config}),
 * refuses any other field.
 */
final class StrimziSchemas {

    static final String GROUP = "kafka.strimzi.io";
    private static final String VERSION = "v1beta2";
    private static final Map<String, String> API_CLASSES = Map.of(
            "Kafka", "io.strimzi.api.kafka.model.kafka.Kafka",
            "KafkaNodePool", "io.strimzi.api.kafka.model.nodepool.KafkaNodePool",
            "KafkaTopic", "io.strimzi.api.kafka.model.topic.KafkaTopic",
            "KafkaUser", "io.strimzi.api.kafka.model.user.KafkaUser");
    /** CRD keywords that are no JSON Schema: annotations for the validator, as JSON Schema treats keywords it does not know. */
    private static final Dialect OPENAPI_V3 = Dialect.builder(Dialects.getDraft4())
            .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
            .build();

    private static final YAMLMapper YAML = new YAMLMapper();

    private final Map<String, Schema> byKind;

    private StrimziSchemas(Map<String, Schema> byKind) {
        this.byKind = byKind;
    }

    /** The schemas of the Strimzi version the build names, generated once into target/ and read from there after. */
    static StrimziSchemas load() {
        Path crds = generated(Manifests.folder().resolve("target/strimzi-crds-" + property("strimzi.version")));
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(OPENAPI_V3);
        Map<String, Schema> byKind = new HashMap<>();
        for (String kind : API_CLASSES.keySet()) {
            byKind.put(kind, registry.getSchema(tightened(openApiSchema(crds.resolve(kind + ".yaml")))));
        }
        return new StrimziSchemas(byKind);
    }

    static boolean isStrimzi(JsonNode document) {
        return document.path("apiVersion").asText().startsWith(GROUP + "/");
    }

    /** What is wrong with a Strimzi document; empty when it conforms. */
    List<String> problems(JsonNode document) {
        String apiVersion = document.path("apiVersion").asText();
        String kind = document.path("kind").asText();
        Schema schema = byKind.get(kind);
        if (schema == null || !apiVersion.equals(GROUP + "/" + VERSION)) {
            return List.of("no Strimzi schema for " + apiVersion + "/" + kind + " (known: " + GROUP + "/" + VERSION
                    + " " + byKind.keySet() + ")");
        }
        return schema.validate(document).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                .toList();
    }

    /**
     * Each object schema with properties, unless it keeps unknown fields, refuses other fields. Branches of
     * {@code oneOf}/{@code anyOf} that list only the property they require carry no {@code type} and stay open.
     */
    static JsonNode tightened(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        tighten(copy);
        return copy;
    }

    private static void tighten(JsonNode node) {
        if (node instanceof ObjectNode object
                && "object".equals(object.path("type").asText())
                && object.has("properties")
                && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                && !object.has("additionalProperties")) {
            object.put("additionalProperties", false);
        }
        node.forEach(StrimziSchemas::tighten);
    }

    private static JsonNode openApiSchema(Path crd) {
        try {
            for (JsonNode version : YAML.readTree(crd.toFile()).path("spec").path("versions")) {
                if (VERSION.equals(version.path("name").asText())) {
                    return version.path("schema").path("openAPIV3Schema");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + crd, e);
        }
        throw new IllegalStateException(crd + " has no " + VERSION + " schema");
    }

    /** Runs Strimzi's CRD generator unless an earlier build left its output (about 10 s of CPU). */
    private static Path generated(Path crds) {
        if (API_CLASSES.keySet().stream().allMatch(kind -> Files.isRegularFile(crds.resolve(kind + ".yaml")))) {
            return crds;
        }
        try {
            Path scratch = Files.createDirectories(crds.resolveSibling(crds.getFileName() + ".partial"));
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    property("strimzi.generator.classpath"),
                    "io.strimzi.crdgenerator.CrdGenerator",
                    "--crd-api-version",
                    "v1",
                    "--api-versions",
                    VERSION,
                    "--storage-version",
                    VERSION,
                    "--yaml"));
            API_CLASSES.forEach((kind, type) -> command.add(type + "=" + scratch.resolve(kind + ".yaml")));
            Commands.run(command, scratch, Duration.ofMinutes(5));
            // whole or not at all: an interrupted run leaves no half-written cache behind
            deleteFolder(crds);
            Files.move(scratch, crds, StandardCopyOption.ATOMIC_MOVE);
            return crds;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate the Strimzi CRDs into " + crds, e);
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(folder);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run the test through Maven"
                    + " (deploy/kubernetes/pom.xml sets it)");
        }
        return value;
    }
}
