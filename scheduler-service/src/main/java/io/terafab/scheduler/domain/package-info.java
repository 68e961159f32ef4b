/**
 * The scheduler model in plain Java: accelerators, the job queue, gang placement, progress under
 * a power cap, capacity requests and the default synthetic workload. Knows nothing of Kafka or HTTP.
 */
package io.terafab.scheduler.domain;
