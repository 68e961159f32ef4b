package io.terafab.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every document checked against the schema of its kind: Strimzi's CRDs for Strimzi kinds, Kubernetes' for the rest. */
final class ManifestSchemas {

    private static ManifestSchemas shared;

    private final StrimziSchemas strimzi;
    private final CoreSchemas core;

    private ManifestSchemas(StrimziSchemas strimzi, CoreSchemas core) {
        this.strimzi = strimzi;
        this.core = core;
    }

    /** Loaded once per test JVM: the CRDs are parsed and compiled, npm's installation checked. */
    static synchronized ManifestSchemas shared() {
        if (shared == null) {
            shared = new ManifestSchemas(StrimziSchemas.load(), CoreSchemas.install());
        }
        return shared;
    }

    /** What is wrong, by document ({@code Kind/name}); only documents with problems appear. */
    Map<String, List<String>> problems(List<ObjectNode> documents) {
        List<ObjectNode> coreDocuments = new ArrayList<>();
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (ObjectNode document : documents) {
            if (StrimziSchemas.isStrimzi(document)) {
                add(problems, document, strimzi.problems(document));
            } else {
                coreDocuments.add(document);
            }
        }
        if (!coreDocuments.isEmpty()) {
            List<List<String>> coreProblems = core.problems(coreDocuments);
            for (int i = 0; i < coreDocuments.size(); i++) {
                add(problems, coreDocuments.get(i), coreProblems.get(i));
            }
        }
        return problems;
    }

    List<String> problems(ObjectNode document) {
        return problems(List.of(document)).getOrDefault(Manifests.describe(document), List.of());
    }

    private static void add(Map<String, List<String>> problems, ObjectNode document, List<String> found) {
        if (!found.isEmpty()) {
            problems.computeIfAbsent(Manifests.describe(document), k -> new ArrayList<>())
                    .addAll(found);
        }
    }
}
