/**
 * Kafka adapters of chip-service: wafer-outs, capacity requests and accelerator health in;
 * allocations, removals and per-SKU inventory out; the ticker that installs and expires.
 */
package io.terafab.chip.messaging;
