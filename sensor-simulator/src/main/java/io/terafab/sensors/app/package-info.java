/**
 * The simulator as a Quarkus service beside the twin: its settings, the runtime that loads the
 * catalog and runs the pump, REST to watch and steer it ({@code /simulator}), metrics and readiness.
 */
package io.terafab.sensors.app;
