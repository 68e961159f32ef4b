package io.terafab.kubernetes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The twin's manifests as `kubectl kustomize deploy/kubernetes` renders them: one object per document. */
final class Manifests {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Manifests() {}

    /** The checkout the build runs in: the nearest folder at or above the working directory with deploy/kubernetes. */
    static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/kubernetes/kustomization.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder at or above " + start + " has deploy/kubernetes/kustomization.yaml");
    }

    static Path folder() {
        return repositoryRoot().resolve("deploy/kubernetes");
    }

    /** Renders the folder with the kubectl on the PATH (kustomize is built into kubectl since 1.14). */
    static List<ObjectNode> render(Path kustomization) {
        Path kubectl = Commands.require(
                "kubectl",
                "the Kubernetes manifests are rendered with `kubectl kustomize`"
                        + " (offline, no cluster needed); install kubectl 1.27 or newer");
        return parse(Commands.run(
                List.of(kubectl.toString(), "kustomize", kustomization.toString()),
                kustomization,
                Duration.ofSeconds(60)));
    }

    static List<ObjectNode> parse(String yaml) {
        List<ObjectNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document instanceof ObjectNode object) {
                    documents.add(object);
                } else if (document != null && !document.isNull() && !document.isMissingNode()) {
                    throw new IllegalArgumentException("a document that is not an object: " + document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the rendered manifests are not YAML", e);
        }
        return documents;
    }

    static String describe(JsonNode document) {
        return document.path("kind").asText("?") + "/"
                + document.path("metadata").path("name").asText("?");
    }

    static List<ObjectNode> ofKind(List<ObjectNode> documents, String kind) {
        return documents.stream()
                .filter(d -> kind.equals(d.path("kind").asText()))
                .toList();
    }

    static ObjectNode named(List<ObjectNode> documents, String kind, String name) {
        return ofKind(documents, kind).stream()
                .filter(d -> name.equals(d.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " is rendered"));
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
