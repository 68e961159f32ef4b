/**
 * Kafka adapters of power-service: the fab's and the data center's power draw and integrators'
 * meter readings in; every tick the budgets out, and the grid's state to its compacted topic.
 */
package io.terafab.power.messaging;
