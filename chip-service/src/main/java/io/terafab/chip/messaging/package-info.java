/** Kafka adapters of chip-service: wafer-outs and capacity requests in, allocations out. */
package io.terafab.chip.messaging;
