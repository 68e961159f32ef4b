package io.terafab.scheduler.twin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Scheduler settings. Power figures are in kilowatts per accelerator; durations are simulated
 * time. Defaults are of the order of the design brief's reference cluster (about 1 kW per
 * accelerator plus cooling overhead, NVL72-class racks); each default says where it comes from.
 */
@ConfigMapping(prefix = "scheduler")
public interface SchedulerConfig {

    /**
     * IT power of one accelerator running a job at full power, kW. 1.2 kW: a B200-class GPU's
     * ~1 kW board power plus its share of host CPU, memory and networking.
     */
    @WithDefault("1.2")
    double acceleratorPower();

    /** IT power of one installed accelerator without a job, kW. 0.3 kW: about a quarter of full load at idle. */
    @WithDefault("0.3")
    double idlePower();

    /**
     * Power usage effectiveness: facility watts per IT watt. 1.25: a modern liquid-cooled AI data
     * center (hyperscale fleets report 1.1-1.2, the industry average is about 1.5).
     */
    @WithDefault("1.25")
    double pue();

    /** The largest gang a job may ask for; a larger job could never run and is refused. 100,000: the brief's cluster scale. */
    @WithDefault("100000")
    int maxJobAccelerators();

    /** Queued accelerators beyond the free ones that trigger a capacity request; 1 asks at any shortfall. */
    @WithDefault("1")
    int capacityRequestThreshold();

    /** Accelerators per rack; capacity is requested in whole racks. 72: an NVL72-class rack (same as chip-service). */
    @WithDefault("72")
    int rackSize();

    /**
     * How long a capacity request may stay unanswered before the scheduler asks again. A day:
     * chip-service answers only when it has stock, and the fab adds stock lot by lot.
     */
    @WithDefault("24h")
    Duration capacityRequestRetry();

    /** Completed jobs kept for queries (all are counted). 100: what {@code GET /jobs} returns at most. */
    @WithDefault("100")
    int completedHistory();

    /** The default synthetic job stream. */
    WorkloadConfig workload();

    /** The synthetic job stream: on by default so a fresh campus has work; tests switch it off. */
    interface WorkloadConfig {

        @WithDefault("true")
        boolean enabled();

        /** Mean simulated time between submissions (exponential). 20 min: about 72 jobs a simulated day. */
        @WithDefault("20m")
        Duration meanInterarrival();

        /** Seed of the stream: one seed, one sequence of jobs. */
        @WithDefault("7")
        long seed();

        /** Gang sizes: one node of 8, then rack-scale and multi-rack training jobs. */
        @WithDefault("8,64,256,1024")
        List<Integer> sizes();

        /** Relative weight of each size: small jobs are the most frequent. */
        @WithDefault("0.5,0.3,0.15,0.05")
        List<Double> sizeWeights();

        /** Shortest job at full power. */
        @WithDefault("1h")
        Duration minDuration();

        /** Longest job at full power: two simulated days. */
        @WithDefault("48h")
        Duration maxDuration();

        /** Tenants, equally likely. */
        @WithDefault("research,product,inference")
        List<String> tenants();

        /** Tenants whose jobs are inference; the others submit training jobs. */
        @WithDefault("inference")
        Set<String> inferenceTenants();
    }
}
