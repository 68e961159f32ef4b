package io.terafab.scheduler.domain;

import static io.terafab.scheduler.domain.Fixtures.at;
import static io.terafab.scheduler.domain.Fixtures.ids;
import static io.terafab.scheduler.domain.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.terafab.scheduler.domain.carbon.JobAccount;
import io.terafab.scheduler.domain.carbon.JobEnergyLedger;
import io.terafab.testing.property.PropertySeeds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The data center's energy booked to jobs: jobs plus idle is the data center's draw, exactly, and the
 * grid's carbon and cost split over them add up to what it settled, exactly; a job's lineage names the
 * lots its accelerators came from.
 */
class JobEnergyAccountingTest {

    static LongStream seeds() {
        return PropertySeeds.of(1, 2, 3, 5, 8, 13);
    }

    @Test
    void aJobIsBookedItsAcceleratorsDrawWithThePueAndIdleTheRest() {
        Cluster c = Fixtures.cluster();
        c.addAccelerators("r", "rack-1", ids("a", 8));
        c.carbon()
                .installed(
                        "rack-1",
                        ids("a", 8),
                        List.of(
                                new JobEnergyLedger.Origin("L1/S", "L1", 5, 100_000, 40_000),
                                new JobEnergyLedger.Origin("L2/S", "L2", 3, 200_000, 80_000)));
        c.submit(job("j", 4, 10));
        c.tick(at(0));
        c.carbon().tick(c, at(0));
        c.tick(at(1));
        c.carbon().tick(c, at(1));

        JobEnergyLedger.TotalsView t = c.carbon().totals();
        // the job: 4 x 1000 W x 1.25 for an hour; idle: 4 x 250 W x 1.25
        assertThat(c.carbon().account("j").orElseThrow().energyWh()).isEqualTo(5_000);
        assertThat(t.idleWh()).isEqualTo(1_250);
        assertThat(t.drawnWh()).isEqualTo(6_250);
        assertThat(t.acceleratorSeconds()).isCloseTo(4 * 3600, within(1e-9));

        c.carbon().settle(new JobEnergyLedger.Settlement(at(0), at(1), 6_250, 2_500, 500, 400, 80));
        JobAccount j = c.carbon().account("j").orElseThrow();
        assertThat(j.carbonGrams()).isEqualTo(2_000);
        assertThat(j.costMilliUsd()).isEqualTo(400);
        assertThat(j.lineage()).extracting(JobAccount.LineageEntry::lotId).containsExactly("L1");
        assertThat(j.gangSize()).isEqualTo(4);
        // 4 accelerators of 40 kg for one hour of a 40,000 h life
        assertThat(j.embodiedCarbonGrams(Duration.ofHours(40_000))).isCloseTo(4 * 40_000 / 40_000.0, within(1e-9));
        assertThat(c.carbon().jobsOfLot("L1")).extracting(JobAccount::jobId).containsExactly("j");
        assertThat(c.carbon().jobsOfLot("L2")).isEmpty();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void jobsPlusIdleIsTheDrawAndTheSettledCarbonAndCostAreSplitExactly(long seed) {
        Random random = new Random(seed);
        Cluster c = Fixtures.cluster();
        Fixtures.racks(c, 6);
        Instant now = at(0);
        Instant lastSettled = now;
        long grams = 0;
        long milliUsd = 0;
        double expectedJoules = 0;
        double reading = 0;
        for (int step = 0; step < 300; step++) {
            if (random.nextInt(3) == 0) {
                c.submit(job(
                        "job-" + step, "research", 1 + random.nextInt(16), 0.2 + random.nextDouble() * 3, "normal"));
            }
            if (random.nextInt(8) == 0) {
                c.applyBudget(10_000 + random.nextDouble() * 60_000, now);
            }
            Instant next = now.plusSeconds(30 + random.nextInt(900));
            c.tick(next);
            c.carbon().tick(c, next);
            expectedJoules += reading * Duration.between(now, next).toSeconds();
            reading = c.power().drawWatts();
            now = next;
            if (random.nextInt(4) == 0) {
                long g = random.nextInt(1_000_000);
                long m = random.nextInt(100_000);
                c.carbon().settle(new JobEnergyLedger.Settlement(lastSettled, now, 1, g, m, 400, 80));
                grams += g;
                milliUsd += m;
                lastSettled = now;
            }
            JobEnergyLedger.TotalsView t = c.carbon().totals();
            assertThat(t.jobsWh() + t.idleWh())
                    .as("seed %d step %d", seed, step)
                    .isEqualTo(t.drawnWh());
            assertThat(t.jobsCarbonGrams() + t.idleCarbonGrams())
                    .as("seed %d", seed)
                    .isEqualTo(grams);
            assertThat(t.jobsCostMilliUsd() + t.idleCostMilliUsd())
                    .as("seed %d", seed)
                    .isEqualTo(milliUsd);
        }
        JobEnergyLedger.TotalsView t = c.carbon().totals();
        assertThat(t.drawnWh())
                .as("the reported draw held from tick to tick, seed %d", seed)
                .isEqualTo(Math.round(expectedJoules / 3600));
        assertThat(t.jobsWh()).as("seed " + seed).isPositive();
    }

    @Test
    void theLedgerSurvivesASnapshot() {
        Cluster c = Fixtures.cluster();
        Fixtures.racks(c, 2);
        c.submit(job("j", 8, 10));
        c.tick(at(0));
        c.carbon().tick(c, at(0));
        c.tick(at(1));
        c.carbon().tick(c, at(1));
        c.carbon().settle(new JobEnergyLedger.Settlement(at(0), at(1), 1, 5_000, 700, 400, 80));

        Cluster restored = Fixtures.cluster();
        restored.restore(c.state());

        assertThat(restored.carbon().totals()).isEqualTo(c.carbon().totals());
        assertThat(restored.carbon().account("j")).isEqualTo(c.carbon().account("j"));
        restored.tick(at(2));
        restored.carbon().tick(restored, at(2));
        c.tick(at(2));
        c.carbon().tick(c, at(2));
        assertThat(restored.carbon().totals().drawnWh())
                .isEqualTo(c.carbon().totals().drawnWh());
    }
}
