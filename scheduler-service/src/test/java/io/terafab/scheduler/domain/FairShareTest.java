package io.terafab.scheduler.domain;

import static io.terafab.scheduler.domain.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Weighted fair share over long simulated runs of a saturated cluster. */
class FairShareTest {

    private static final int DAYS = 60;
    private static final double TICK_HOURS = 0.25;
    private static final int BACKLOG = 6;

    /**
     * Each tenant keeps {@link #BACKLOG} jobs queued at all times, drawn from its own generator;
     * with the same seed for all, every tenant's demand is the very same stream of jobs.
     */
    private static Map<String, Double> acceleratorHours(Map<String, Double> weights, long seed, boolean sameDemand) {
        Cluster c = Fixtures.settings().weights(weights).cluster();
        Fixtures.racks(c, 8); // 64 accelerators
        Map<String, Random> streams = new HashMap<>();
        Map<String, Integer> submitted = new HashMap<>();
        int t = 0;
        for (String tenant : weights.keySet()) {
            streams.put(tenant, new Random(sameDemand ? seed : seed + 31L * t++));
            submitted.put(tenant, 0);
        }
        for (int step = 0; step <= DAYS * 24 / TICK_HOURS; step++) {
            Instant now = at(step * TICK_HOURS);
            for (String tenant : weights.keySet()) {
                long queued = c.tenants().stream()
                        .filter(a -> a.tenant().equals(tenant))
                        .mapToLong(TenantAccount::queuedJobs)
                        .sum();
                for (long q = queued; q < BACKLOG; q++) {
                    Random r = streams.get(tenant);
                    int n = submitted.merge(tenant, 1, Integer::sum);
                    c.submit(Fixtures.job(
                            tenant + "-" + n,
                            tenant,
                            List.of(4, 8, 16, 24).get(r.nextInt(4)),
                            0.5 + r.nextDouble() * 6,
                            "normal",
                            true,
                            now));
                }
            }
            c.tick(now);
            c.drainTransitions();
        }
        Map<String, Double> hours = new HashMap<>();
        c.tenants().forEach(a -> hours.put(a.tenant(), a.totalUsageSeconds() / 3600));
        return hours;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 17, 4242})
    void twoTenantsOfEqualWeightAndEqualDemandGetEqualAcceleratorHours(long seed) {
        Map<String, Double> hours = acceleratorHours(Map.of("alpha", 1.0, "beta", 1.0), seed, true);
        double alpha = hours.get("alpha");
        double beta = hours.get("beta");
        assertThat(alpha + beta).as("seed %d: the cluster was saturated", seed).isGreaterThan(0.9 * 64 * DAYS * 24);
        assertThat(alpha / beta)
                .as("seed %d: alpha %.0f vs beta %.0f accelerator-hours", seed, alpha, beta)
                .isCloseTo(1.0, within(0.05));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 17})
    void twoTenantsOfEqualWeightGetEqualAcceleratorHoursWhateverTheirJobs(long seed) {
        Map<String, Double> hours = acceleratorHours(Map.of("alpha", 1.0, "beta", 1.0), seed, false);
        assertThat(hours.get("alpha") / hours.get("beta"))
                .as("seed %d: %s", seed, hours)
                .isCloseTo(1.0, within(0.05));
    }

    @Test
    void tenantOfTwiceTheWeightGetsAboutTwiceTheAcceleratorHours() {
        Map<String, Double> hours = acceleratorHours(Map.of("heavy", 2.0, "light", 1.0), 7, true);
        // Fair share orders the queue; it does not keep accelerators idle: when none of the heavier tenant's
        // jobs fits, the lighter one's backfill the gap (EASY), so the ratio lands somewhat below 2.
        assertThat(hours.get("heavy") / hours.get("light")).as("%s", hours).isBetween(1.7, 2.05);
    }

    @Test
    void standingCountsRecentUsageAndCurrentAllocationOverWeight() {
        FairShare share = new FairShare(new FairShareSettings(Map.of("a", 2.0), 1, java.time.Duration.ofHours(1)));
        TenantAccount a = share.account("a");
        a.runningAccelerators = 10;
        assertThat(share.standing("a")).isEqualTo(5.0);
        share.accrue(3600);
        // after one half-life at a constant 10, the recent average is half way to 10
        assertThat(a.decayedUsageSeconds() * Math.log(2) / 3600).isCloseTo(5.0, within(1e-9));
        assertThat(share.standing("a")).isCloseTo((5 + 10) / 2.0, within(1e-9));
        assertThat(a.totalUsageSeconds()).isEqualTo(36_000);
    }
}
