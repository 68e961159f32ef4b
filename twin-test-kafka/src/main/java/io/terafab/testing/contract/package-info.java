/**
 * The twin's AsyncAPI document ({@code deploy/asyncapi/terafab-twin.asyncapi.yaml}) as a test oracle:
 * {@link io.terafab.testing.contract.AsyncApiContract} loads it, lists its channels, messages,
 * examples and operations, and checks a Kafka record (key, headers, payload) against the message
 * of its topic and type.
 */
package io.terafab.testing.contract;
