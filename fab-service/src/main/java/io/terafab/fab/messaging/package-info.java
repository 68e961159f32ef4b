/**
 * Kafka adapters of fab-service: power budgets and tool telemetry in; wafer-outs and the fab's
 * power draw (total and per area) out, every tick.
 */
package io.terafab.fab.messaging;
