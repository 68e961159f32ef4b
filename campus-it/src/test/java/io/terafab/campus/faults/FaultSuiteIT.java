package io.terafab.campus.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 13's faults, one after another on one campus (one start for the whole family): a real
 * broker and the four packaged services as processes, the sensor simulator's traffic at 2,000
 * events/s with every accepted id recorded, and tracer lots. After each fault the lag of every
 * consumer must come back under a second, and the audit must find every accepted input applied
 * once (jobs and lots by id; wafers, chips by state, energy and the job lifecycle by their
 * conservation laws), every output delivered and no dead letter. Each fault prints its time to
 * recover; the goals on it (15 s after a service kill, 30 s after the broker's return) are
 * measured by {@code bench/run chaos}, on a machine running nothing else.
 *
 * <p>The request timeout is shortened for the suite (see {@link FaultCampus}): the broker is
 * frozen for {@link Fault#FREEZE} against a request timeout of 10 s; fab-service's link is cut for
 * {@link Fault#CUT} (60 s here, issue 13's 3 minutes in {@code bench/run chaos}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    private static final double RATE = 2_000;
    private static FaultCampus campus;
    private static long trafficFrom;
    private static final CampusAudit AUDIT = new CampusAudit();

    @BeforeAll
    static void startCampus() throws Exception {
        long started = System.nanoTime();
        campus = FaultCampus.start(RATE, 13);
        trafficFrom = System.nanoTime();
        System.out.printf("[faults] campus started in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    static void stopCampus() throws Exception {
        if (campus != null) {
            double seconds = (System.nanoTime() - trafficFrom) / 1e9;
            System.out.printf(
                    "[faults] events accepted by topic: %s; %.0f events/s over %.0f s, audits' pauses included%n",
                    campus.recorder().countsByTopic(), campus.recorder().total() / seconds, seconds);
            campus.close();
        }
    }

    private static void survives(Fault fault) throws Exception {
        Fault.Outcome outcome = fault.inject(campus, AUDIT);
        System.out.println(outcome.line());
        assertThat(outcome.findings().problems())
                .as("%s: what the audit found", fault.description())
                .isEmpty();
        // recovered at all (lag under 1 s before Fault's give-up); how fast is bench/run chaos's
        // figure against issue 13's goals: timing goals live in benchmarks, not in tests
        assertThat(outcome.recoverySeconds())
                .as("%s: seconds until every consumer's lag is under 1 s", fault.description())
                .isNotNull();
    }

    @Test
    @Order(1)
    void killedFabServiceRestartsWithoutLossOrDoubleCounting() throws Exception {
        survives(Fault.KILL_FAB);
    }

    @Test
    @Order(2)
    void killedChipServiceRestartsWithoutLossOrDoubleCounting() throws Exception {
        survives(Fault.KILL_CHIP);
    }

    @Test
    @Order(3)
    void killedPowerServiceRestartsWithoutLossOrDoubleCounting() throws Exception {
        survives(Fault.KILL_POWER);
    }

    @Test
    @Order(4)
    void killedSchedulerServiceRestartsWithoutLossOrDoubleCounting() throws Exception {
        survives(Fault.KILL_SCHEDULER);
    }

    @Test
    @Order(5)
    void killedBrokerRestartedOnItsDataLosesNothing() throws Exception {
        survives(Fault.KILL_BROKER);
    }

    @Test
    @Order(6)
    void brokerFrozenLongerThanTheRequestTimeoutLosesNothing() throws Exception {
        survives(Fault.FREEZE_BROKER);
    }

    @Test
    @Order(7)
    void serviceCutFromTheBrokerLongerThanItsDeliveryTimeoutDeliversEveryOutput() throws Exception {
        survives(Fault.CUT_LINK);
    }
}
