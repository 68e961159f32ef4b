package io.terafab.sensors.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulator's settings ({@code sensors.*}). The figures of the traffic itself (breakdown and
 * failure rates, repair times, the job stream) default to the generator's, documented with their
 * sources on {@code GeneratorSettings.Builder}; set one here to override it.
 */
@ConfigMapping(prefix = "sensors")
public interface SimulatorConfig {

    /** Off: the app starts, loads its catalog and answers, but sends nothing. */
    @WithDefault("true")
    boolean enabled();

    /** Target rate, events per second (0 pauses). 20: a gentle stream a laptop-sized twin absorbs without notice. */
    @WithDefault("20")
    double rate();

    /** Share of bad records, in [0, 1]. None by default; the local run asks for 1 %. */
    @WithDefault("0.0")
    double badShare();

    /** Seed of the generator: one seed, one sequence of records for the same catalog and times. */
    @WithDefault("1")
    long seed();

    /** {@code ce_source} of every record: the integrator's name. */
    @WithDefault("sensor-simulator")
    String source();

    /**
     * Part of every event and job id; by default one per start (from the wall clock), so a restarted
     * simulator never reuses an id of its previous run.
     */
    Optional<String> runId();

    /**
     * Weights of the topics in the everyday stream, by key ({@code tool-telemetry}, {@code meter-readings},
     * {@code accelerator-health}, {@code jobs}); a topic not named keeps the generator's default weight.
     */
    Map<String, Double> mix();

    /** The bad kinds drawn from (codes such as {@code malformed-json}, {@code oversized}); all by default. */
    Optional<List<String>> badKinds();

    Tools tools();

    Meters meters();

    Accelerators accelerators();

    Jobs jobs();

    /** A fixed catalog as JSON instead of the services' REST (tests, runs without the twin). */
    Optional<Path> catalogFile();

    Catalog catalog();

    interface Tools {
        /** Simulated time between reported breakdowns of one tool. */
        Optional<Duration> breakdownMtbf();

        /** Simulated time between reported maintenances of one tool. */
        Optional<Duration> pmInterval();

        /** How long a reported maintenance lasts. */
        Optional<Duration> pmDuration();
    }

    interface Meters {
        /** Breaker trips per power asset and simulated year. */
        Optional<Double> breakerTripsPerYear();

        /** Mean simulated time until a tripped breaker closes. */
        Optional<Duration> breakerRepairMean();
    }

    interface Accelerators {
        /** Share of installed accelerators failing per simulated year. */
        Optional<Double> annualFailureRate();
    }

    interface Jobs {
        /** Mean simulated time between job submissions; 0 for none. */
        Optional<Duration> meanInterarrival();
    }

    /** Where the catalog is read from, and how often again. */
    interface Catalog {

        @WithDefault("http://127.0.0.1:8081")
        URI fabUrl();

        @WithDefault("http://127.0.0.1:8082")
        URI chipUrl();

        @WithDefault("http://127.0.0.1:8083")
        URI powerUrl();

        @WithDefault("http://127.0.0.1:8084")
        URI schedulerUrl();

        /** Tools, accelerators, tenants: 30 s, half a simulated hour at the local run's speed. */
        @WithDefault("30s")
        Duration refreshInterval();

        /**
         * The grid's figures, which move every tick: 5 s, so a battery's charge and the sun are
         * never far from what readings report, and an operator's new import limit is repeated, not
         * undone, within seconds.
         */
        @WithDefault("5s")
        Duration powerRefreshInterval();

        /** Until the first catalog is loaded, try again this often. */
        @WithDefault("2s")
        Duration retryInterval();

        @WithDefault("5s")
        Duration timeout();
    }
}
