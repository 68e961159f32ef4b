/**
 * Operational energy, cost and carbon booked to jobs, the accelerators' origins (chip batches, lots,
 * embodied footprint) and the lineage of a job back to the lots its accelerators came from. Plain Java.
 */
package io.terafab.scheduler.domain.carbon;
