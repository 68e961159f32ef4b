/**
 * Command-line runs of the fab model as fast as it goes, outside Quarkus: the SMT2020 fidelity
 * run and the fab benchmarks that {@code bench/run} calls.
 */
package io.terafab.fab.batch;
