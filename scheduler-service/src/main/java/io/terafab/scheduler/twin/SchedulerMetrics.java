package io.terafab.scheduler.twin;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.terafab.scheduler.domain.Cluster;
import io.terafab.scheduler.domain.JobTransition;
import io.terafab.scheduler.domain.TenantAccount;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The scheduler's meters, all registered at startup so they exist before the first event. Gauges
 * and counters read the model at scrape time (the counters are kept in the model, so they survive
 * restarts with the snapshot); the wait-time histogram is fed by the job starts the service
 * publishes. Tenant tags are bounded: the configured tenants by name, all others as {@code other}.
 */
@Startup
@ApplicationScoped
public class SchedulerMetrics {

    /** The tag value of tenants that are not configured by name. */
    public static final String OTHER_TENANT = "other";

    /** Wait-time buckets from a minute to two weeks: jobs wait from minutes (small) to weeks (huge, short of capacity). */
    private static final Duration[] WAIT_BUCKETS = {
        Duration.ofMinutes(1),
        Duration.ofMinutes(5),
        Duration.ofMinutes(15),
        Duration.ofMinutes(30),
        Duration.ofHours(1),
        Duration.ofHours(2),
        Duration.ofHours(6),
        Duration.ofHours(12),
        Duration.ofDays(1),
        Duration.ofDays(2),
        Duration.ofDays(7),
        Duration.ofDays(14)
    };

    @Inject
    MeterRegistry registry;

    @Inject
    SchedulerTwin twin;

    private final Map<String, Timer> waitByClass = new HashMap<>();

    @PostConstruct
    void register() {
        accelerators("busy", Cluster::busyAccelerators);
        accelerators("paused", Cluster::pausedAccelerators);
        accelerators("free", Cluster::freeAccelerators);
        gauge(
                "terafab.scheduler.accelerators.powered.down",
                "Free accelerators switched off to stay within the budget",
                null,
                c -> c.power().poweredDownAccelerators());
        gauge(
                "terafab.scheduler.racks",
                "Racks of the topology",
                null,
                c -> c.topology().rackCount());
        gauge(
                "terafab.scheduler.pods",
                "Pods of the topology",
                null,
                c -> c.topology().podCount());
        Gauge.builder(
                        "terafab.scheduler.backlog.expected.wait",
                        () -> twin.read(c -> c.backlogWait().expectedWaitWeeks()))
                .description("Weeks until the backlog's accelerators beyond the free and requested ones are"
                        + " available at P50 (BacklogWait): 0 with nothing uncovered, +Inf beyond the forecast,"
                        + " NaN before chip-service's availability arrived")
                .baseUnit("weeks")
                .register(registry);
        Gauge.builder(
                        "terafab.scheduler.backlog.uncovered",
                        () -> twin.read(c -> c.backlogWait().uncovered()))
                .description("Accelerators the queued gangs need beyond the free ones and the outstanding request's")
                .baseUnit("accelerators")
                .register(registry);
        Gauge.builder(
                        "terafab.scheduler.availability.coming.week",
                        () -> twin.read(c -> c.outlook()
                                .filter(o -> c.lastTickAt() != null)
                                .flatMap(o -> o.comingWeek(c.lastTickAt()))
                                .map(w -> (double) w.p50())
                                .orElse(Double.NaN)))
                .description("P50 accelerators chip-service can supply by the end of the coming week, the cap of"
                        + " capacity requests; NaN before its availability arrived")
                .baseUnit("accelerators")
                .register(registry);
        Gauge.builder("terafab.scheduler.utilization", () -> twin.read(Cluster::utilization))
                .description("Share of installed accelerators running a job")
                .baseUnit("ratio")
                .register(registry);

        jobs("queued", c -> c.queue().size());
        jobs("running", c -> c.runningJobs().size());
        jobs("paused", c -> c.pausedJobs().size());
        ended("completed", c -> c.jobCounts().completed());
        ended("failed", c -> c.jobCounts().failed());
        ended("cancelled", c -> c.jobCounts().cancelled());
        counter(
                "terafab.scheduler.jobs.completed",
                "Jobs completed since the cluster's state began",
                null,
                null,
                c -> c.jobCounts().completed());
        counter(
                "terafab.scheduler.preemptions",
                "Running jobs preempted back to their queue",
                "reason",
                "priority",
                c -> c.jobCounts().preemptedForPriority());
        counter(
                "terafab.scheduler.preemptions",
                "Running jobs preempted back to their queue",
                "reason",
                "power",
                c -> c.jobCounts().preemptedForPower());
        counter(
                "terafab.scheduler.pauses",
                "Running jobs paused in place to stay within the power budget",
                null,
                null,
                c -> c.jobCounts().pausedForPower());
        counter(
                "terafab.scheduler.backfilled",
                "Jobs started by backfill ahead of a reserved job",
                null,
                null,
                c -> c.jobCounts().backfilled());
        counter(
                "terafab.scheduler.decisions",
                "Queued jobs considered by scheduling passes",
                null,
                null,
                c -> c.jobCounts().decisions());

        for (String tenant : tagTenants()) {
            tenantGauge("terafab.scheduler.queue.jobs", "Queued jobs of a tenant", tenant, a -> a.queuedJobs());
            tenantGauge(
                    "terafab.scheduler.queue.accelerators",
                    "Accelerators a tenant's queued jobs wait for",
                    tenant,
                    a -> a.queuedAccelerators());
            tenantGauge(
                    "terafab.scheduler.tenant.running.accelerators",
                    "Accelerators a tenant's running jobs use",
                    tenant,
                    a -> a.runningAccelerators());
            FunctionCounter.builder(
                            "terafab.scheduler.tenant.usage",
                            twin,
                            t -> t.read(c -> sumTenants(c, tenant, TenantAccount::totalUsageSeconds)))
                    .description("Accelerator-seconds a tenant's jobs ran")
                    .baseUnit("seconds")
                    .tag("tenant", tenant)
                    .register(registry);
        }
        for (String priorityClass : twin.priorityClassNames()) {
            waitByClass.put(
                    priorityClass,
                    Timer.builder("terafab.scheduler.job.wait")
                            .description("Simulated time jobs waited in the queue before their first start")
                            .tag("priority_class", priorityClass)
                            .serviceLevelObjectives(WAIT_BUCKETS)
                            .minimumExpectedValue(WAIT_BUCKETS[0])
                            .maximumExpectedValue(WAIT_BUCKETS[WAIT_BUCKETS.length - 1])
                            .register(registry));
        }

        watts(
                "terafab.scheduler.power.draw",
                "Facility power the cluster draws under the current caps",
                c -> c.power().drawWatts());
        watts(
                "terafab.scheduler.power.demand",
                "Facility power the cluster would draw with no cap",
                c -> c.power().demandWatts());
        watts(
                "terafab.scheduler.power.budget",
                "Facility power cap from the grid; NaN before the first budget",
                c -> c.power().budgetWatts() == null ? Double.NaN : c.power().budgetWatts());
        Gauge.builder(
                        "terafab.scheduler.power.factor",
                        () -> twin.read(c -> c.power().meanPowerShare()))
                .description("Running accelerators' mean power share under the budget (1 = uncapped)")
                .register(registry);
        Gauge.builder(
                        "terafab.scheduler.jobs.power.capped",
                        () -> twin.read(c -> c.power().cappedJobShare()))
                .description("Share of running jobs that run power-capped")
                .baseUnit("ratio")
                .register(registry);
    }

    /** Records what the histogram needs from published job steps (called by the publisher). */
    public void recordTransition(JobTransition transition) {
        if (transition instanceof JobTransition.Started started) {
            Timer timer = waitByClass.get(started.job().priorityClass());
            if (timer != null) {
                timer.record(Duration.ofMillis(Math.round(started.waitedSeconds() * 1000)));
            }
        }
    }

    private List<String> tagTenants() {
        List<String> tenants = new java.util.ArrayList<>(twin.namedTenants());
        tenants.add(OTHER_TENANT);
        return tenants;
    }

    /** A named tenant's figure, or the sum over tenants not named for {@code other}. */
    private double sumTenants(Cluster cluster, String tag, ToDoubleFunction<TenantAccount> value) {
        double sum = 0;
        for (TenantAccount account : cluster.tenants()) {
            boolean named = twin.namedTenants().contains(account.tenant());
            if (OTHER_TENANT.equals(tag) ? !named : account.tenant().equals(tag)) {
                sum += value.applyAsDouble(account);
            }
        }
        return sum;
    }

    private void tenantGauge(String name, String description, String tenant, ToDoubleFunction<TenantAccount> value) {
        Gauge.builder(name, () -> twin.read(c -> sumTenants(c, tenant, value)))
                .description(description)
                .tag("tenant", tenant)
                .register(registry);
    }

    private void accelerators(String state, ToDoubleFunction<Cluster> value) {
        gauge("terafab.scheduler.accelerators", "Installed accelerators by state", state, value);
    }

    private void jobs(String state, ToDoubleFunction<Cluster> value) {
        gauge("terafab.scheduler.jobs", "Accepted jobs not yet ended, by state", state, value);
    }

    private void ended(String outcome, ToDoubleFunction<Cluster> value) {
        counter(
                "terafab.scheduler.jobs.ended",
                "Jobs ended since the cluster's state began, by outcome",
                "outcome",
                outcome,
                value);
    }

    private void gauge(String name, String description, String state, ToDoubleFunction<Cluster> value) {
        Gauge.Builder<?> builder = Gauge.builder(name, () -> twin.read(c -> value.applyAsDouble(c)))
                .description(description);
        if (state != null) {
            builder.tag("state", state);
        }
        builder.register(registry);
    }

    private void counter(
            String name, String description, String tagKey, String tagValue, ToDoubleFunction<Cluster> value) {
        FunctionCounter.Builder<SchedulerTwin> builder = FunctionCounter.builder(
                        name, twin, t -> t.read(c -> value.applyAsDouble(c)))
                .description(description);
        if (tagKey != null) {
            builder.tag(tagKey, tagValue);
        }
        builder.register(registry);
    }

    private void watts(String name, String description, ToDoubleFunction<Cluster> value) {
        Gauge.builder(name, () -> twin.read(c -> value.applyAsDouble(c)))
                .description(description)
                .baseUnit("watts")
                .register(registry);
    }
}
