/** Kafka adapters of fab-service: power budgets in; wafer-outs and the fab's power draw out, every tick. */
package io.terafab.fab.messaging;
