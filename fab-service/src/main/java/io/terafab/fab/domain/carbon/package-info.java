/**
 * The fab's energy and carbon booked to lots: what the simulation meters per lot, in whole
 * watt-hours, and the grid's carbon of each interval split over the lots that used its energy.
 * Plain Java.
 */
package io.terafab.fab.domain.carbon;
