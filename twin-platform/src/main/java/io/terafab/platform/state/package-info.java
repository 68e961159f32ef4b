/**
 * State that survives a restart: each service's model, the input positions it has applied and
 * the ids of recently applied events are snapshotted together to a compacted
 * {@code <service>.state} topic and restored on start, so a restarted service resumes exactly
 * where its last snapshot was and re-applies only what came after.
 */
package io.terafab.platform.state;
