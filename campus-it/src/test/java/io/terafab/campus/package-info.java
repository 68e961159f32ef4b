/** Flows across packaged services, each its own process, on one real Kafka broker. */
package io.terafab.campus;
