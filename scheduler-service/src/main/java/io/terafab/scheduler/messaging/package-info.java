/**
 * Kafka adapters of scheduler-service: allocations, power budgets and job submissions in; the
 * data center's power draw, capacity requests and REST submissions out; the tick that drives the
 * cluster with the twin clock.
 */
package io.terafab.scheduler.messaging;
