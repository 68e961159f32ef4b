package io.terafab.sensors.generator;

import io.terafab.sensors.catalog.CatalogFile;
import io.terafab.sensors.generator.Catalog.RackSlice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Catalogs for the tests: the small fixed one of the IT, and a cluster-sized one. */
final class TestCatalogs {

    static final Path FILE = Path.of("src/test/resources/test-catalog.json");

    private TestCatalogs() {}

    /** 13 tools (one down, one held down by telemetry), grid + 2 turbines (one tripped) + a plant + a battery, 144 accelerators (one retired). */
    static Catalog small() {
        return new CatalogFile(FILE).load(Catalog.EMPTY);
    }

    /** The small catalog with {@code racks} full racks of 72 accelerators instead of its own. */
    static Catalog withRacks(int racks) {
        List<RackSlice> slices = new ArrayList<>();
        for (int r = 0; r < racks; r++) {
            slices.add(new RackSlice(String.format("rack-%05d", r + 1), "TX1", 1 + 72L * r, 72));
        }
        return small().withAccelerators(slices, java.util.Set.of());
    }
}
