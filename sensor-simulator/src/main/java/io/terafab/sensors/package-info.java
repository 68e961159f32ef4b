/**
 * The sensor simulator: realistic integrator traffic for the twin. {@code generator} makes the
 * records (plain Java, deterministic per seed), {@code catalog} reads what they may name from the
 * running services or a file, {@code kafka} sends them at a rate, {@code app} runs it all as a
 * Quarkus service beside the local twin.
 */
package io.terafab.sensors;
