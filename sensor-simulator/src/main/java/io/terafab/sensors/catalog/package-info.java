/**
 * Where the generator's catalog comes from: the running services' REST ({@link
 * io.terafab.sensors.catalog.ServiceCatalog}) or a JSON file ({@link io.terafab.sensors.catalog.CatalogFile}).
 * Plain Java (the JDK's HTTP client and Jackson), so a benchmark can load a catalog in-process too.
 */
package io.terafab.sensors.catalog;
