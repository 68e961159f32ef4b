/**
 * Sending the generator's records to Kafka: {@link io.terafab.sensors.kafka.TrafficPump} at a
 * target rate paced by a {@link io.terafab.sensors.kafka.Pacer}, or at full speed, through a plain
 * producer tuned by {@link io.terafab.sensors.kafka.SensorProducer}. Plain Java, for the app and
 * for in-process benchmarks alike.
 */
package io.terafab.sensors.kafka;
