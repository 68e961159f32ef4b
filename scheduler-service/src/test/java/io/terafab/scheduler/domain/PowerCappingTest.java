package io.terafab.scheduler.domain;

import static io.terafab.scheduler.domain.Fixtures.at;
import static io.terafab.scheduler.domain.Fixtures.ids;
import static io.terafab.scheduler.domain.Fixtures.job;
import static io.terafab.scheduler.domain.Fixtures.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.terafab.platform.model.ModelRejection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Within the budget: idle accelerators off first, then caps lowest priority first, then pause or preempt. */
class PowerCappingTest {

    /** 16 accelerators, a critical and a low job of 8 each, both at full power: 20 kW facility. */
    private static Cluster twoJobs() {
        Cluster c = Fixtures.cluster();
        Fixtures.racks(c, 2);
        c.submit(job("critical", "inference", 8, 100, "critical", false, at(0)));
        c.submit(job("low", "research", 8, 100, "low", true, at(0)));
        c.tick(at(0));
        return c;
    }

    @Test
    void withoutBudgetTheDrawIsTheFullItLoadTimesPue() {
        Cluster c = Fixtures.cluster();
        c.addAccelerators("r", "rack", ids("a", 10));
        c.submit(job("j", 4, 10));
        c.tick(at(0));
        PowerReading p = c.power();
        assertThat(p.drawWatts()).isEqualTo((4 * 1000 + 6 * 250) * 1.25);
        assertThat(p.demandWatts()).isEqualTo(p.drawWatts());
        assertThat(p.meanPowerShare()).isEqualTo(1);
        assertThat(p.budgetWatts()).isNull();
    }

    @Test
    void idleAcceleratorsArePoweredDownBeforeAnyJobIsCapped() {
        Cluster c = Fixtures.cluster();
        c.addAccelerators("r", "rack", ids("a", 8));
        c.submit(job("j", 4, 10));
        c.tick(at(0));
        c.applyBudget((4 * 1000 + 1 * 250 + 1) * 1.25, at(0)); // room for the job and one idle accelerator
        PowerReading p = c.power();
        assertThat(p.meanPowerShare()).isEqualTo(1);
        assertThat(p.poweredDownAccelerators()).isEqualTo(3);
        assertThat(p.drawWatts()).isLessThanOrEqualTo(p.budgetWatts());
    }

    @Test
    void budgetCutCapsTheLowestPriorityFirstThenTheNext() {
        Cluster c = twoJobs();
        c.applyBudget(17_000, at(1)); // 2.4 kW of IT load too much: the low job alone gives it up
        assertThat(c.findJob("low").orElseThrow().powerShare()).isCloseTo(1 - 2400.0 / 6000, offset(1e-9));
        assertThat(c.findJob("critical").orElseThrow().powerShare()).isEqualTo(1);
        assertThat(c.power().drawWatts()).isLessThanOrEqualTo(17_000);
        assertThat(c.power().cappedJobShare()).isEqualTo(0.5);

        c.applyBudget(12_000, at(1)); // the low job at its minimum is not enough: the critical one is capped too
        assertThat(c.findJob("low").orElseThrow().powerShare()).isEqualTo(Fixtures.MIN_SHARE);
        assertThat(c.findJob("critical").orElseThrow().powerShare()).isCloseTo(1 - 2800.0 / 6000, offset(1e-9));
        assertThat(c.power().drawWatts()).isLessThanOrEqualTo(12_000);
        assertThat(c.power().cappedJobShare()).isEqualTo(1);
        assertThat(c.runningJobs()).hasSize(2);
    }

    @Test
    void budgetBelowEveryJobAtItsMinimumPreemptsThenPausesLowestPriorityFirst() {
        Cluster c = twoJobs();
        c.applyBudget(8_000, at(1)); // both at minimum need 11 kW: the low (preemptible) one is preempted
        assertThat(c.runningJobs()).extracting(Job::id).containsExactly("critical");
        assertThat(c.findJob("low").orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        assertThat(c.power().drawWatts()).isLessThanOrEqualTo(8_000);

        c.applyBudget(3_000, at(1)); // not even the critical job at its minimum: not preemptible, so paused
        assertThat(c.runningJobs()).isEmpty();
        assertThat(c.pausedJobs()).extracting(Job::id).containsExactly("critical");
        assertThat(c.pausedAccelerators()).isEqualTo(8);
        assertThat(c.power().drawWatts()).isLessThanOrEqualTo(3_000);
        assertThat(c.jobCounts().preemptedForPower()).isEqualTo(1);
        assertThat(c.jobCounts().pausedForPower()).isEqualTo(1);

        c.tick(at(2)); // paused: no progress
        double remaining = c.findJob("critical").orElseThrow().remainingWorkSeconds();
        c.tick(at(3));
        assertThat(c.findJob("critical").orElseThrow().remainingWorkSeconds()).isEqualTo(remaining);

        c.applyBudget(30_000, at(3));
        c.tick(at(3.5)); // power is back: both run again
        assertThat(c.runningJobs()).extracting(Job::id).containsExactlyInAnyOrder("critical", "low");
        List<JobTransition> steps = c.drainTransitions();
        assertThat(steps(steps, "low")).containsExactly("queued", "started", "preempted", "resumed");
        assertThat(steps(steps, "critical")).containsExactly("queued", "started", "paused", "resumed");
    }

    @Test
    void zeroBudgetStopsEverythingAndDrawsNothing() {
        Cluster c = twoJobs();
        c.applyBudget(0, at(1));
        assertThat(c.power().drawWatts()).isZero();
        assertThat(c.runningJobs()).isEmpty();
    }

    @Test
    void cappedJobProgressesAtTheCubeRootOfItsPowerShare() {
        Cluster c = Fixtures.cluster();
        c.addAccelerators("r", "rack", ids("a", 8));
        c.submit(job("j", 8, 10));
        c.tick(at(0));
        // IT budget for share 0.6: 8 x (250 + 0.6 x 750) = 5,600 W
        c.applyBudget(5_600 * 1.25 * (1 + 1e-9), at(0));
        assertThat(c.findJob("j").orElseThrow().powerShare()).isCloseTo(0.6, offset(1e-6));
        c.tick(at(1));
        assertThat(c.findJob("j").orElseThrow().progress()).isCloseTo(Math.cbrt(0.6) / 10, offset(1e-6));
    }

    @Test
    void jobStartsOnlyIfEveryRunningJobKeepsItsStartShare() {
        Cluster c = Fixtures.cluster();
        Fixtures.racks(c, 2);
        // start share 0.8: 250 + 0.8 x 750 = 850 W per running accelerator; 10 fit in 8,500 W of IT power
        c.applyBudget(8_500 * 1.25 * (1 + 1e-9), at(0));
        c.submit(job("a", 8, 10));
        c.submit(job("b", 4, 10));
        c.tick(at(0));
        assertThat(c.runningJobs()).extracting(Job::id).containsExactly("a");
        assertThat(c.power().drawWatts()).isLessThanOrEqualTo(c.power().budgetWatts());
    }

    @Test
    void aBudgetIssuedBeforeTheOneInForceIsRefusedAsOutOfOrderAndTheCapStaysAcrossARestore() {
        Cluster c = twoJobs();
        c.applyBudget(30_000, at(2));
        SchedulerState before = c.state();

        assertThatThrownBy(() -> c.applyBudget(1_000, at(1)))
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(ModelRejection.Kind.OUT_OF_ORDER));

        assertThat(c.state()).isEqualTo(before);
        assertThat(c.power().budgetWatts()).isEqualTo(30_000);
        Cluster restored = Fixtures.cluster();
        restored.restore(before);
        assertThatThrownBy(() -> restored.applyBudget(1_000, at(1))).isInstanceOf(ModelRejection.class);
        c.applyBudget(25_000, at(2)); // the same instant is in order: the later one wins
        assertThat(c.power().budgetWatts()).isEqualTo(25_000);
    }

    @Test
    void invalidBudgetIsRefused() {
        assertThatThrownBy(() -> Fixtures.cluster().applyBudget(-1, at(0))).isInstanceOf(ModelRejection.class);
        assertThatThrownBy(() -> Fixtures.cluster().applyBudget(Double.NaN, at(0)))
                .isInstanceOf(ModelRejection.class);
    }

    @Test
    void slowdownModelIsTheCubeRootAndFullPowerIsFullSpeed() {
        PowerModel model = Fixtures.power();
        assertThat(model.speed(1)).isEqualTo(1);
        assertThat(model.speed(0.5)).isCloseTo(0.7937, offset(1e-4));
        assertThat(model.runningWatts(0.4)).isEqualTo(250 + 0.4 * 750);
        assertThatThrownBy(() -> new PowerModel(1000, 250, 1.25, 0.5, 0.4, 1.0 / 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start power share");
    }
}
