/**
 * The fab line model in plain Java: lots released at the start rate, moved along a fixed cycle
 * time, finished as wafer-outs or scrap, and slowed by a power cap. Knows nothing of Kafka or HTTP.
 *
 * <p>This is the foundation's thin loop; the full discrete-event fab (tool groups, re-entrant
 * routes, breakdowns) replaces {@link io.terafab.fab.domain.FabLine} behind the same small API:
 * start, advance, apply a budget, read power and totals, export and restore the state.
 */
package io.terafab.fab.domain;
