/** How the platform's own Kafka clients reach and log in to the broker. */
package io.terafab.platform.kafka;
