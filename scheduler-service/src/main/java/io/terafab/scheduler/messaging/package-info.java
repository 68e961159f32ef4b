/**
 * Kafka adapters of scheduler-service: allocations, removals, power budgets, job submissions and
 * cancellations in; job lifecycle events, the data center's power draw, capacity requests and REST
 * submissions out; the tick that drives the cluster with the twin clock.
 */
package io.terafab.scheduler.messaging;
