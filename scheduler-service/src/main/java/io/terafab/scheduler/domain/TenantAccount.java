package io.terafab.scheduler.domain;

/**
 * One tenant's standing: what it runs now, what it used (all time, and decayed for fair share),
 * and what it waits for.
 */
public final class TenantAccount {

    private final String tenant;
    private final double weight;
    int runningAccelerators;
    int runningJobs;
    int queuedJobs;
    long queuedAccelerators;
    double decayedUsage;
    double totalUsage;

    TenantAccount(String tenant, double weight) {
        this.tenant = tenant;
        this.weight = weight;
    }

    public String tenant() {
        return tenant;
    }

    public double weight() {
        return weight;
    }

    /** Accelerators of its running jobs (paused ones do not count: they run nothing). */
    public int runningAccelerators() {
        return runningAccelerators;
    }

    public int runningJobs() {
        return runningJobs;
    }

    public int queuedJobs() {
        return queuedJobs;
    }

    /** Accelerators its queued jobs wait for. */
    public long queuedAccelerators() {
        return queuedAccelerators;
    }

    /** Accelerator-seconds run since the cluster's state began. */
    public double totalUsageSeconds() {
        return totalUsage;
    }

    /** Accelerator-seconds run, each second weighing less as it ages (exponential decay). */
    public double decayedUsageSeconds() {
        return decayedUsage;
    }
}
