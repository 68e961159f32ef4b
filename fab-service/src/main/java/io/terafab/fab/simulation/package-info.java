/**
 * The discrete-event engine of the fab and the fab model that runs on it: an event calendar
 * ordered by time then scheduling sequence, seeded random streams, and the lots, tools and
 * queues of a {@link io.terafab.fab.definition.FabDefinition} moving through simulated time.
 * Plain Java, no Kafka or HTTP; the same code runs live (advanced tick by tick) and in batch.
 */
package io.terafab.fab.simulation;
