/**
 * Kafka adapters of chip-service: wafer-outs, capacity requests, accelerator health and job steps in;
 * allocations, removals and per-SKU inventory out; the ticker that installs and expires.
 */
package io.terafab.chip.messaging;
