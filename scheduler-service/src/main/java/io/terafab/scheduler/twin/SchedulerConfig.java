package io.terafab.scheduler.twin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.terafab.contract.CampusDefaults;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Scheduler settings. Power figures are in kilowatts per accelerator; durations are simulated
 * time. Defaults are of the order of the design brief's reference cluster (about 1 kW per
 * accelerator plus cooling overhead, NVL72-class racks); each default says where it comes from.
 * The maps (priority classes, tenant weights, workload profiles) have their defaults in
 * application.properties, with their sources.
 */
@ConfigMapping(prefix = "scheduler")
public interface SchedulerConfig {

    /**
     * IT power of one accelerator running a job at full power, kW. 1.2 kW: a B200-class GPU's
     * ~1 kW board power plus its share of host CPU, memory and networking.
     */
    @WithDefault("1.2")
    double acceleratorPower();

    /** IT power of one idle, powered accelerator, kW. 0.3 kW: about a quarter of full load at idle. */
    @WithDefault("0.3")
    double idlePower();

    /**
     * Power usage effectiveness: facility watts per IT watt. 1.25: a modern liquid-cooled AI data
     * center (hyperscale fleets report 1.1-1.2, the industry average is about 1.5).
     */
    @WithDefault("1.25")
    double pue();

    /** Power capping and its slowdown model (see PowerModel). */
    PowerCapping power();

    /**
     * The service life an accelerator's embodied carbon is amortised over, per accelerator-hour:
     * 5 years (43,800 h), within the 4 to 6 years over which hyperscalers depreciated their servers
     * in their 2020-2025 annual reports. Shorter lives (AI accelerators are often retired after 3 to 4
     * years) raise the embodied share proportionally.
     */
    @WithDefault("43800h")
    Duration acceleratorServiceLife();

    /** The largest gang a job may ask for; a larger job could never run and is refused. 100,000: the brief's cluster scale. */
    @WithDefault("100000")
    int maxJobAccelerators();

    /** Accelerators per rack: capacity is requested in whole racks. 72: an NVL72-class rack (the campus default). */
    @WithDefault(CampusDefaults.RACK_SIZE)
    int rackSize();

    /**
     * Racks per pod, the topology's second level (gangs are packed into few racks, then few
     * pods). 8: NVIDIA's GB200 NVL72 SuperPOD scalable unit is 8 racks (576 GPUs) on one fabric.
     */
    @WithDefault("8")
    int racksPerPod();

    /** Priority classes by name (defaults in application.properties). */
    Map<String, PriorityClassConfig> priorityClasses();

    /** The class of a submission that names neither a class nor a priority. */
    @WithDefault("normal")
    String defaultPriorityClass();

    /**
     * How long a job may wait before it preempts lower priority preemptible jobs. 1 h: on a busy
     * cluster jobs end every few minutes, so most high priority jobs find room before; the bound
     * makes preemption the exception that caps their wait (Kueue preempts at once; Slurm's
     * PreemptExemptTime plays the same role from the victim's side).
     */
    @WithDefault("1h")
    Duration preemptionWait();

    FairShareConfig fairShare();

    CapacityConfig capacity();

    /** Ended jobs kept for queries (all are counted). 100: what {@code GET /jobs} returns at most. */
    @WithDefault("100")
    int endedHistory();

    /** The default synthetic job stream. */
    WorkloadConfig workload();

    /** One priority class. */
    interface PriorityClassConfig {

        /** Higher starts first and may preempt lower preemptible jobs. */
        int value();

        /** Whether its jobs may be preempted when a submission does not say. */
        @WithDefault("true")
        boolean preemptible();
    }

    /** Power capping: see PowerModel for the slowdown model. */
    interface PowerCapping {

        /**
         * The lowest share of its dynamic power range a running job is capped to; below it jobs are
         * paused or preempted. 0.4: data-center GPUs accept power limits down to about half their
         * board power (an H100 SXM from 700 W to 200 W, firmware minimum), and 0.3 + 0.4 x 0.9 kW is
         * 55% of full power.
         */
        @WithDefault("0.4")
        double minShare();

        /**
         * A job starts or resumes only if every running job could then still get this share. 0.8:
         * twice the distance from full power to the minimum, so a budget that wobbles by a few
         * percent does not start and shed jobs in turn.
         */
        @WithDefault("0.8")
        double startShare();

        /** Speed = share ^ exponent. 1/3: dynamic power ~ clock^3 under voltage-frequency scaling. */
        @WithDefault("0.333333")
        double slowdownExponent();
    }

    /** Weighted fair share across tenants. */
    interface FairShareConfig {

        /** Tenant weights by tenant (defaults in application.properties); others get the default weight. */
        Map<String, Double> weights();

        /** Weight of a tenant not listed. 1: every tenant is entitled to the same. */
        @WithDefault("1")
        double defaultWeight();

        /** Half-life of past usage. 7 days: Slurm's default PriorityDecayHalfLife. */
        @WithDefault("7d")
        Duration usageHalfLife();
    }

    /** When to ask chip-service for more accelerators. */
    interface CapacityConfig {

        /**
         * Accelerators short (queued gangs beyond the free accelerators) that trigger a request at
         * once. 72: one rack, the unit chip-service installs.
         */
        @WithDefault(CampusDefaults.RACK_SIZE)
        int backlogThreshold();

        /**
         * Queue wait that triggers a request for any shortfall. 2 h: a job that waited two hours
         * for capacity (not for a higher-ranked job) is worth a rack being installed.
         */
        @WithDefault("2h")
        Duration waitThreshold();

        /**
         * How long a capacity request may stay unanswered before the scheduler asks again. A day:
         * chip-service answers only when it has stock, and the fab adds stock lot by lot.
         */
        @WithDefault("24h")
        Duration retry();
    }

    /** The synthetic job stream: on by default so a fresh campus has work; tests switch it off. */
    interface WorkloadConfig {

        @WithDefault("true")
        boolean enabled();

        /**
         * Mean simulated time between submissions (exponential). 30 min: with the default mix,
         * about 14,000 accelerators busy on average, the order of a campus the fab supplies for
         * some months (tens of thousands of chips a month).
         */
        @WithDefault("30m")
        Duration meanInterarrival();

        /** Seed of the stream: one seed, one sequence of jobs. */
        @WithDefault("7")
        long seed();

        /** The job mix by profile name (defaults in application.properties). */
        Map<String, ProfileConfig> profiles();
    }

    /** One kind of job of the synthetic stream. */
    interface ProfileConfig {

        /** Relative share of arrivals. */
        double weight();

        /** Tenants that submit it, equally likely. */
        List<String> tenants();

        /** training or inference. */
        String kind();

        /** Gang sizes. */
        List<Integer> sizes();

        /** Relative weight of each size. */
        List<Double> sizeWeights();

        /** Shortest run at full power. */
        Duration minDuration();

        /** Longest run at full power (log-uniform in between). */
        Duration maxDuration();

        /** The priority class its jobs are submitted with. */
        String priorityClass();

        /** Whether its jobs may be preempted. */
        boolean preemptible();
    }
}
