package io.terafab.scheduler.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Weighted fair share across tenants. A tenant's standing is
 * {@code (recent average allocation + current allocation) / weight}, in accelerators: the recent
 * average is its decayed usage times the decay rate (Slurm's fair-share factor with
 * {@code PriorityDecayHalfLife}), and the current allocation makes a start count at once, so one
 * scheduling pass alternates between tenants instead of giving one all the free accelerators.
 * Within a priority class, the tenant with the lowest standing goes next.
 */
public final class FairShare {

    private final FairShareSettings settings;
    private final double decayPerSecond;
    private final Map<String, TenantAccount> accounts = new TreeMap<>();

    public FairShare(FairShareSettings settings) {
        this.settings = settings;
        this.decayPerSecond = Math.log(2) / (settings.usageHalfLife().toMillis() / 1000.0);
    }

    TenantAccount account(String tenant) {
        return accounts.computeIfAbsent(tenant, t -> new TenantAccount(t, settings.weightOf(t)));
    }

    /** Lower goes first. */
    double standing(TenantAccount account) {
        return (account.decayedUsage * decayPerSecond + account.runningAccelerators) / account.weight();
    }

    double standing(String tenant) {
        return standing(account(tenant));
    }

    /**
     * Accrues {@code seconds} of each tenant's current allocation: the decayed usage follows
     * {@code dU/dt = A - lambda U}, solved exactly over the interval.
     */
    void accrue(double seconds) {
        if (seconds <= 0) {
            return;
        }
        double keep = Math.exp(-decayPerSecond * seconds);
        for (TenantAccount a : accounts.values()) {
            a.decayedUsage = a.decayedUsage * keep + a.runningAccelerators * (1 - keep) / decayPerSecond;
            a.totalUsage += a.runningAccelerators * seconds;
        }
    }

    public Collection<TenantAccount> accounts() {
        return List.copyOf(accounts.values());
    }

    List<SchedulerState.TenantState> state() {
        List<SchedulerState.TenantState> state = new ArrayList<>();
        accounts.values()
                .forEach(a -> state.add(new SchedulerState.TenantState(a.tenant(), a.decayedUsage, a.totalUsage)));
        return state;
    }

    /** Restores usage; running and queued figures are rebuilt by the caller from the jobs. */
    void restore(List<SchedulerState.TenantState> state) {
        accounts.clear();
        for (SchedulerState.TenantState t : state) {
            TenantAccount a = account(t.tenant());
            a.decayedUsage = t.decayedUsageSeconds();
            a.totalUsage = t.totalUsageSeconds();
        }
    }
}
