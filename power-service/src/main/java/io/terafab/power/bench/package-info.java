/** Benchmarks of the grid model, run as plain Java from the packaged service (see bench/run). */
package io.terafab.power.bench;
