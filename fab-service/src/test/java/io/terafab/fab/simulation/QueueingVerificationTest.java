package io.terafab.fab.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.terafab.fab.definition.DispatchRule;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.LotPriority;
import io.terafab.fab.definition.LotRelease;
import io.terafab.fab.definition.Product;
import io.terafab.fab.definition.RouteStep;
import io.terafab.fab.definition.ToolGroup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Model verification against queueing theory: one tool group fed by Poisson lot releases with
 * exponential processing is an M/M/c queue, whose mean wait in queue is known exactly
 * (Erlang C). The engine must reproduce it within 5 %.
 */
class QueueingVerificationTest {

    private static final int LOTS = 400_000;

    @ParameterizedTest(name = "M/M/{0} at utilisation {1}, seed {2}")
    @CsvSource({"1, 0.7, 11", "3, 0.8, 12"})
    void meanQueueWaitMatchesErlangC(int servers, double utilisation, long seed) {
        double serviceMean = 3_600; // an hour per lot
        double arrivalRate = utilisation * servers / serviceMean;
        FabDefinition fab = new FabDefinition(
                "M/M/" + servers,
                List.of(new ToolGroup("server", "test", servers, DispatchRule.FIFO, 0, 0, 0, 0)),
                List.of(new Product(
                        "job", List.of(RouteStep.perLot("serve", 0, Distribution.exponential(serviceMean))))),
                List.of(new LotRelease(
                        "lot", 0, LotPriority.REGULAR, 1, 0, Distribution.exponential(1 / arrivalRate), LOTS)),
                List.of(),
                List.of(),
                Map.of(),
                Distribution.constant(0),
                0);
        FabSimulation simulation = new FabSimulation(fab, 0, seed);
        double[] sum = new double[2];
        simulation.onFinished(lot -> {
            sum[0] += lot.cycleTimeSeconds();
            sum[1]++;
        });

        simulation.runUntil(Double.MAX_VALUE / 2);

        double meanWait = sum[0] / sum[1] - serviceMean;
        assertThat((long) sum[1]).as("seed %d: every lot served", seed).isEqualTo(LOTS);
        assertThat(meanWait)
                .as("seed %d: mean wait in queue, seconds", seed)
                .isCloseTo(erlangCWait(servers, arrivalRate, 1 / serviceMean), withinPercentage(5));
    }

    /** Mean wait in queue of an M/M/c queue: C(c, a) / (c·μ − λ), with C the Erlang C probability of waiting. */
    static double erlangCWait(int c, double lambda, double mu) {
        double a = lambda / mu;
        double rho = a / c;
        double sum = 0;
        double term = 1;
        for (int k = 0; k < c; k++) {
            if (k > 0) {
                term *= a / k;
            }
            sum += term;
        }
        double last = term * a / c; // a^c / c!
        double erlangC = last / (1 - rho) / (sum + last / (1 - rho));
        return erlangC / (c * mu - lambda);
    }
}
