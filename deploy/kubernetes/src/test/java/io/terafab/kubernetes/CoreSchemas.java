package io.terafab.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes core kinds' schemas, from two published artifacts:
 * <ul>
 * <li>the npm package {@code kubernetes-models} (its version pinned in src/test/node/package-lock.json):
 * Kubernetes' OpenAPI schemas compiled for ajv, which check types, required fields and formats.
 * It is installed with {@code npm ci} into target/ once and run by the machine's node;</li>
 * <li>the fabric8 Kubernetes model (Java types of the same API): a field none of its types has is
 * a typo, which the OpenAPI schemas let through as the API server's pruning would.</li>
 * </ul>
 */
final class CoreSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The kinds the manifests use; another kind has no typed model here and is reported as such. */
    private static final Map<String, Class<?>> TYPED = Map.of(
            "apps/v1/StatefulSet", StatefulSet.class,
            "apps/v1/Deployment", Deployment.class,
            "v1/Service", Service.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Namespace", Namespace.class);
    /** fabric8's types keep unknown fields in a catch-all map; without it Jackson names the first one. */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE;
                }
            });

    private final Path installation;
    private final Path node;

    private CoreSchemas(Path installation, Path node) {
        this.installation = installation;
        this.node = node;
    }

    /** Installs the npm package into target/ unless the same lock file was installed there before. */
    static CoreSchemas install() {
        String why = "core Kubernetes kinds are validated with the npm package kubernetes-models;"
                + " install Node.js 20 or newer with npm";
        Path node = Commands.require("node", why);
        Path sources = Manifests.folder().resolve("src/test/node");
        Path installation = Manifests.folder().resolve("target/kubernetes-models");
        try {
            Files.createDirectories(installation);
            String lock = Files.readString(sources.resolve("package-lock.json"));
            Path installedLock = installation.resolve("node_modules/.terafab-installed-lock.json");
            if (!Files.isRegularFile(installedLock)
                    || !Files.readString(installedLock).equals(lock)) {
                Path npm = Commands.require("npm", why);
                for (String file : List.of("package.json", "package-lock.json")) {
                    Files.copy(sources.resolve(file), installation.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
                Commands.run(
                        List.of(npm.toString(), "ci", "--no-audit", "--no-fund", "--ignore-scripts"),
                        installation,
                        Duration.ofMinutes(5));
                Files.writeString(installedLock, lock);
            }
            // beside its node_modules, so that node resolves the package from there
            Files.copy(
                    sources.resolve("validate-core.mjs"),
                    installation.resolve("validate-core.mjs"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install kubernetes-models into " + installation, e);
        }
        return new CoreSchemas(installation, node);
    }

    /** What is wrong with each document, in the order given; an empty list for one that conforms. */
    List<List<String>> problems(List<? extends JsonNode> documents) {
        List<List<String>> published = publishedSchemaProblems(documents);
        List<List<String>> all = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            List<String> problems = new ArrayList<>(published.get(i));
            problems.addAll(unknownFields(documents.get(i)));
            all.add(problems);
        }
        return all;
    }

    private List<List<String>> publishedSchemaProblems(List<? extends JsonNode> documents) {
        try {
            Path input = Files.createTempFile(installation, "documents", ".json");
            try {
                JSON.writeValue(input.toFile(), documents);
                String printed = Commands.run(
                        List.of(node.toString(), "validate-core.mjs", input.toString()),
                        installation,
                        Duration.ofMinutes(2));
                List<List<String>> problems = JSON.readValue(
                        printed,
                        JSON.getTypeFactory()
                                .constructCollectionType(
                                        List.class,
                                        JSON.getTypeFactory().constructCollectionType(List.class, String.class)));
                if (problems.size() != documents.size()) {
                    throw new IllegalStateException("validate-core.mjs answered for " + problems.size() + " of "
                            + documents.size() + " documents: " + printed);
                }
                return problems;
            } finally {
                Files.deleteIfExists(input);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot validate with kubernetes-models", e);
        }
    }

    static List<String> unknownFields(JsonNode document) {
        Class<?> type = TYPED.get(document.path("apiVersion").asText() + "/"
                + document.path("kind").asText());
        if (type == null) {
            return List.of("no typed Kubernetes model for "
                    + document.path("apiVersion").asText() + "/"
                    + document.path("kind").asText());
        }
        try {
            STRICT.treeToValue(document, type);
            return List.of();
        } catch (UnrecognizedPropertyException e) {
            return List.of(e.getPathReference() + ": unknown field \"" + e.getPropertyName() + "\"");
        } catch (JsonProcessingException e) {
            return List.of(e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            return List.of(String.valueOf(e.getMessage()));
        }
    }
}
