package io.terafab.testing.contract;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the tests run in, found from the working directory (a module folder or the root itself). */
public final class RepositoryRoot {

    static final String MARKER = "deploy/asyncapi";

    private RepositoryRoot() {}

    /** The nearest folder at or above the working directory that has {@code deploy/asyncapi}. */
    public static Path find() {
        return findFrom(Path.of("").toAbsolutePath());
    }

    static Path findFrom(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(MARKER))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder at or above " + start + " has " + MARKER);
    }
}
