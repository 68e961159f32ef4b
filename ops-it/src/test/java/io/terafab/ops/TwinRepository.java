package io.terafab.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the operators' files live in the repository ({@code twin.repo.dir}, set by the build). */
final class TwinRepository {

    private TwinRepository() {}

    static Path root() {
        return Path.of(System.getProperty("twin.repo.dir", ".."))
                .toAbsolutePath()
                .normalize();
    }

    static Path dashboards() {
        return root().resolve("deploy/grafana/dashboards");
    }

    static Path prometheus() {
        return root().resolve("deploy/prometheus");
    }

    static Path runbooks() {
        return root().resolve("docs/runbooks.md");
    }

    /** The files of a folder whose names end with the suffix, in name order; the folder must exist. */
    static List<Path> filesEndingWith(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException(folder + " is missing");
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix) && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
