package io.terafab.fab.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.terafab.testing.contract.RepositoryRoot;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine against the published SMT2020 benchmark: the HV/LM dataset (high volume, low mix) run
 * as {@code bench/run smt2020} and {@code bench/run fab} run it (two simulated years, seed 1) gives
 * the mean cycle times of Kovács et al. (2022) within 10 %: about 68 days for part_3 and 39 days
 * for part_4.
 *
 * <p>The dataset is not in the repository: it is read from {@code ../shared/smt2020/HVLM} next to
 * the checkout (as {@code bench/run} does; {@code SMT2020_HVLM} names another folder). The run
 * takes about 20 s, so it is done once, here.
 */
class Smt2020FidelityIT {

    private static final Map<String, Double> PUBLISHED_MEAN_CYCLE_DAYS = Map.of("part_3", 68.0, "part_4", 39.0);

    private static Path hvlm() {
        String named = System.getenv("SMT2020_HVLM");
        Path folder = named != null && !named.isBlank()
                ? Path.of(named)
                : RepositoryRoot.find().resolve("../shared/smt2020/HVLM").normalize();
        assertThat(folder.resolve("tool.txt.1l"))
                .as(
                        "the SMT2020 HV/LM dataset (tool.txt.1l, route_*.txt, ...) is missing at %s: put the dataset's "
                                + "HVLM folder there (it is not committed), or name its folder in SMT2020_HVLM",
                        folder)
                .isRegularFile();
        return folder;
    }

    @Test
    void hvlmOverTwoYearsGivesThePublishedMeanCycleTimesWithinTenPercent() {
        Smt2020Run.Result run = Smt2020Run.run(hvlm(), Smt2020Run.DEFAULT_DAYS, Smt2020Run.SEED);
        Map<String, Double> meanDays = run.cycleTimes().meanDaysByProduct();
        meanDays.forEach((product, days) -> System.out.printf(
                Locale.ROOT,
                "[smt2020-fidelity] HV/LM, %.0f days, "
                        + "seed %d: %s mean cycle time %.2f days (published about %.0f)%n",
                run.days(),
                Smt2020Run.SEED,
                product,
                days,
                PUBLISHED_MEAN_CYCLE_DAYS.getOrDefault(product, Double.NaN)));

        assertThat(run.conserved()).as("wafers conserved").isTrue();
        assertThat(meanDays).containsOnlyKeys(PUBLISHED_MEAN_CYCLE_DAYS.keySet());
        PUBLISHED_MEAN_CYCLE_DAYS.forEach((product, published) -> assertThat(meanDays.get(product))
                .as("mean cycle time of %s, days (published about %.0f)", product, published)
                .isCloseTo(published, withinPercentage(10)));
    }
}
