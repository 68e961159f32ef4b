/** Kafka adapters of power-service: the fab's and the data center's power draw in, budgets out every tick. */
package io.terafab.power.messaging;
