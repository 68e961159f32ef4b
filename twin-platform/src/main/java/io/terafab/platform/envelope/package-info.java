/**
 * The event envelope every topic uses: CloudEvents 1.0 in Kafka binary mode ({@code ce_*} headers,
 * JSON data), and the reasons an inbound record is rejected.
 */
package io.terafab.platform.envelope;
