/**
 * Test support: one real Kafka broker per test JVM, handed to Quarkus tests by
 * {@link io.terafab.testing.kafka.KafkaBrokerTestResource} and to process-level tests by
 * {@link io.terafab.testing.kafka.TestKafkaBroker}, plus a launcher for packaged services.
 */
package io.terafab.testing.kafka;
