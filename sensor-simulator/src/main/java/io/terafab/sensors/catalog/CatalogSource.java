package io.terafab.sensors.catalog;

import io.terafab.sensors.generator.Catalog;

/** Where a catalog comes from. Implementations throw {@link CatalogUnavailableException} when they cannot answer. */
public interface CatalogSource {

    /**
     * The whole catalog; {@code previous} (possibly {@link Catalog#EMPTY}) lets a source reuse what
     * cannot have changed.
     */
    Catalog load(Catalog previous);

    /**
     * The power assets' figures only, which move every tick (a battery's charge, the sun), refreshed
     * more often than the rest.
     */
    default Catalog refreshPower(Catalog previous) {
        return load(previous);
    }

    /** Where it reads from, for logs and the simulator's status. */
    String describe();
}
