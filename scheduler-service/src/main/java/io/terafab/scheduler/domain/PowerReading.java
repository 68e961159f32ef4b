package io.terafab.scheduler.domain;

/**
 * The cluster's facility power at one moment.
 *
 * @param demandWatts what it would draw with every job holding a gang at full power and every free accelerator idle
 * @param drawWatts what it draws under the current caps
 * @param budgetWatts the cap it is under, or {@code null} before its first budget
 * @param meanPowerShare running accelerators' mean power share (1 = uncapped; 1 when nothing runs)
 * @param cappedJobs running jobs below full power
 * @param runningJobs running jobs
 * @param poweredDownAccelerators free accelerators switched off to stay within the budget
 */
public record PowerReading(double demandWatts, double drawWatts, Double budgetWatts, double meanPowerShare,
        int cappedJobs, int runningJobs, int poweredDownAccelerators) {

    /** Share of running jobs that run power-capped, 0 when none runs. */
    public double cappedJobShare() {
        return runningJobs == 0 ? 0 : (double) cappedJobs / runningJobs;
    }
}
