package io.terafab.scheduler.domain;

import static io.terafab.scheduler.domain.Fixtures.at;
import static io.terafab.scheduler.domain.Fixtures.ids;
import static io.terafab.scheduler.domain.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Capacity requests: whole racks, one outstanding at a time, on backlog or on queue wait. */
class CapacityLoopTest {

    @Test
    void shortfallIsRequestedInWholeRacksAndOnceUntilAnswered() {
        Cluster c = Fixtures.cluster();
        c.addAccelerators("r0", "rack-0", ids("a", 3));
        c.submit(job("j", "research", 12, 1, "high"));
        CapacityRequest first = c.tick(at(0)).capacityRequest().orElseThrow();
        assertThat(first.requestId()).isEqualTo("capreq-000001");
        assertThat(first.accelerators()).isEqualTo(16); // shortfall 9 -> two racks of 8
        assertThat(first.priority()).isEqualTo(100);
        assertThat(first.trigger()).isEqualTo(CapacityRequest.Trigger.BACKLOG);
        assertThat(c.tick(at(1)).capacityRequest()).isEmpty();

        c.addAccelerators("capreq-000001", "rack-1", ids("b", 8)); // 11 free, still short of 12
        assertThat(c.outstandingRequest()).isEmpty();
        CapacityRequest second = c.tick(at(2)).capacityRequest().orElseThrow();
        assertThat(second.requestId()).isEqualTo("capreq-000002");
        assertThat(second.accelerators()).isEqualTo(8);
    }

    @Test
    void unansweredRequestIsRepeatedAfterTheRetryInterval() {
        Cluster c = Fixtures.cluster();
        c.submit(job("j", 4, 1));
        assertThat(c.tick(at(0)).capacityRequest()).isPresent();
        assertThat(c.tick(at(23.9)).capacityRequest()).isEmpty();
        assertThat(c.tick(at(24)).capacityRequest())
                .map(CapacityRequest::requestId)
                .contains("capreq-000002");
    }

    @Test
    void smallShortfallIsRequestedOnlyOnceAJobWaitedPastTheWaitThreshold() {
        Cluster c = Fixtures.settings().backlogThreshold(72).cluster();
        c.addAccelerators("r", "rack", ids("a", 4));
        c.submit(job("j", 8, 1)); // short by 4, below the backlog threshold
        assertThat(c.tick(at(0)).capacityRequest()).isEmpty();
        assertThat(c.tick(at(1.9)).capacityRequest()).isEmpty();
        CapacityRequest request = c.tick(at(2)).capacityRequest().orElseThrow();
        assertThat(request.trigger()).isEqualTo(CapacityRequest.Trigger.QUEUE_WAIT);
        assertThat(request.accelerators()).isEqualTo(8);
    }

    @Test
    void backlogPastTheThresholdIsRequestedAtOnce() {
        Cluster c = Fixtures.settings().backlogThreshold(20).cluster();
        c.submit(job("a", 19, 1));
        assertThat(c.tick(at(0)).capacityRequest()).isEmpty();
        c.submit(job("b", 1, 1));
        assertThat(c.tick(at(0.1)).capacityRequest())
                .map(CapacityRequest::accelerators)
                .contains(24);
    }

    @Test
    void noRequestWhileTheFreeAcceleratorsCoverTheQueue() {
        Cluster c = Fixtures.cluster();
        c.addAccelerators("r", "rack", ids("a", 8));
        c.applyBudget(0, at(0)); // the job waits for power, not for accelerators
        c.submit(job("j", 8, 1));
        assertThat(c.tick(at(5)).capacityRequest()).isEmpty();
    }
}
