package io.terafab.sensors.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.terafab.sensors.generator.Catalog;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A fixed catalog in a JSON file, the {@link Catalog} record as JSON: for tests and for running the
 * simulator without the services. Read again at every refresh, so an edit takes effect.
 */
public final class CatalogFile implements CatalogSource {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final Path file;

    public CatalogFile(Path file) {
        this.file = file;
    }

    @Override
    public Catalog load(Catalog previous) {
        try {
            return JSON.readValue(file.toFile(), Catalog.class);
        } catch (IOException e) {
            throw new CatalogUnavailableException(
                    "cannot read the catalog file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "file " + file.toAbsolutePath();
    }
}
