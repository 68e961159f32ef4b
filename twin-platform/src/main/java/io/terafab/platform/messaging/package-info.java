/**
 * Kafka adapters shared by every service: the inbound gate (envelope, idempotency, dead letters,
 * per-channel metrics), the publisher that writes envelopes and keeps outputs until acknowledged,
 * the channel defaults that put every channel under the same dead-letter policy, and the
 * rebalance listener that resumes consumers from the restored state.
 */
package io.terafab.platform.messaging;
