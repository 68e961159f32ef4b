/**
 * The traffic generator, plain Java with no Kafka, HTTP or Quarkus types, so benchmarks run it
 * in-process: a {@link io.terafab.sensors.generator.Catalog} of what may be named, and a seeded
 * {@link io.terafab.sensors.generator.SensorTrafficGenerator} producing
 * {@link io.terafab.sensors.generator.SensorRecord}s, each knowing whether it is good or which
 * {@link io.terafab.sensors.generator.BadKind} of bad.
 */
package io.terafab.sensors.generator;
