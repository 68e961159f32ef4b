package io.terafab.scheduler.domain;

import java.util.Collection;

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
public record PowerReading(
        double demandWatts,
        double drawWatts,
        Double budgetWatts,
        double meanPowerShare,
        int cappedJobs,
        int runningJobs,
        int poweredDownAccelerators) {

    /** Share of running jobs that run power-capped, 0 when none runs. */
    public double cappedJobShare() {
        return runningJobs == 0 ? 0 : (double) cappedJobs / runningJobs;
    }

    /**
     * The reading of a cluster: its running jobs at their power shares, summed in the order given
     * (start order, so a restored cluster computes the very same figures), the free accelerators
     * of which {@code poweredIdle} are kept powered, and the paused ones' demand.
     */
    static PowerReading of(
            PowerModel power,
            Collection<Job> running,
            int free,
            int poweredIdle,
            int runningAccelerators,
            int pausedAccelerators,
            Double budgetWatts) {
        double itWatts = 0;
        double shareSum = 0;
        int capped = 0;
        for (Job job : running) {
            int gang = job.spec().accelerators();
            itWatts += gang * power.runningWatts(job.powerShare());
            shareSum += gang * job.powerShare();
            if (job.powerShare() < 1) {
                capped++;
            }
        }
        int idlePowered = Math.min(poweredIdle, free);
        itWatts += idlePowered * power.idleWatts();
        double demandIt = (double) (runningAccelerators + pausedAccelerators) * power.fullWatts()
                + (double) free * power.idleWatts();
        double meanShare = runningAccelerators == 0 ? 1 : shareSum / runningAccelerators;
        return new PowerReading(
                power.facilityWatts(demandIt),
                power.facilityWatts(itWatts),
                budgetWatts,
                meanShare,
                capped,
                running.size(),
                free - idlePowered);
    }
}
