/**
 * The inventory model in plain Java: SKUs, chip batches and their states, capacity requests,
 * reservations, backorders, racks and lineage. Knows nothing of Kafka or HTTP.
 */
package io.terafab.chip.domain;
