/**
 * Benchmarks of the scheduler model, run as plain Java programs on the packaged classes (not as
 * tests, not inside Quarkus): see {@link io.terafab.scheduler.bench.SchedulerBench}.
 */
package io.terafab.scheduler.bench;
