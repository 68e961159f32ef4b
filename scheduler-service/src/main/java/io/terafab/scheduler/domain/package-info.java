/**
 * The scheduler model in plain Java: a topology of racks and pods, tenants' queues by priority
 * class under weighted fair share, gang placement packed by topology, EASY backfill, priority
 * preemption, power capping with pause and preemption under the data center's budget, capacity
 * requests and the default synthetic workload. Knows nothing of Kafka or HTTP.
 */
package io.terafab.scheduler.domain;
