/**
 * The fab as the service runs it, in plain Java: the discrete-event fab of
 * {@link io.terafab.fab.simulation} advanced with the twin clock, its power budget, die yield and
 * speed bins, wafer-outs, totals and snapshot. Knows nothing of Kafka or HTTP.
 */
package io.terafab.fab.domain;
