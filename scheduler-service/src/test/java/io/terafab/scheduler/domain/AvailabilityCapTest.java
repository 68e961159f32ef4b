package io.terafab.scheduler.domain;

import static io.terafab.scheduler.domain.Fixtures.at;
import static io.terafab.scheduler.domain.Fixtures.ids;
import static io.terafab.scheduler.domain.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.terafab.platform.model.ModelRejection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Capacity requests against chip-service's availability: capped at the coming week's P50 in whole
 * racks, delayed below a rack, and the backlog's expected wait.
 */
class AvailabilityCapTest {

    private static final Duration WEEK = Duration.ofDays(7);

    /** Weeks ending 1, 2, 3 weeks after T0 with these P50s (P10 half, P90 one and a half). */
    private static AcceleratorOutlook outlook(Instant publishedAt, long... p50) {
        List<AcceleratorOutlook.Week> weeks = new java.util.ArrayList<>();
        for (int i = 0; i < p50.length; i++) {
            weeks.add(new AcceleratorOutlook.Week(
                    i + 1, Fixtures.T0.plus(WEEK.multipliedBy(i + 1)), p50[i] / 2, p50[i], p50[i] * 3 / 2));
        }
        return new AcceleratorOutlook(publishedAt, weeks);
    }

    @Test
    void aRequestBeyondTheComingWeeksP50IsCappedToWholeRacksOfIt() {
        Cluster c = Fixtures.cluster();
        c.applyAvailability(outlook(at(0), 20, 100, 200));
        c.submit(job("j", 40, 1)); // short by 40: five racks of 8
        CapacityRequest request = c.tick(at(1)).capacityRequest().orElseThrow();
        assertThat(request.wanted()).isEqualTo(40);
        assertThat(request.accelerators()).isEqualTo(16); // 20 available by week 1 -> two whole racks
        assertThat(request.capped()).isTrue();
    }

    @Test
    void aRequestWithinTheComingWeeksP50IsNotCapped() {
        Cluster c = Fixtures.cluster();
        c.applyAvailability(outlook(at(0), 1000, 2000));
        c.submit(job("j", 40, 1));
        CapacityRequest request = c.tick(at(1)).capacityRequest().orElseThrow();
        assertThat(request.accelerators()).isEqualTo(40);
        assertThat(request.capped()).isFalse();
    }

    @Test
    void lessThanARackByTheComingWeekDelaysTheRequestUntilTheAvailabilityCoversOne() {
        Cluster c = Fixtures.cluster();
        c.applyAvailability(outlook(at(0), 7, 7, 7));
        c.submit(job("j", 40, 1));
        assertThat(c.tick(at(1)).capacityRequest()).isEmpty();
        assertThat(c.tick(at(2)).capacityRequest()).isEmpty();
        assertThat(c.jobCounts().capacityRequestsIssued()).isZero();

        c.applyAvailability(outlook(at(3), 8, 8, 8));
        CapacityRequest request = c.tick(at(3)).capacityRequest().orElseThrow();
        assertThat(request.requestId()).isEqualTo("capreq-000001");
        assertThat(request.accelerators()).isEqualTo(8);
    }

    @Test
    void theComingWeekIsTheFirstNotOverAndWithoutOneRequestsAreNotCapped() {
        Cluster c = Fixtures.cluster();
        c.applyAvailability(outlook(at(0), 8, 24));
        c.submit(job("j", 40, 1));
        // a day into week 2: its P50 (24) is the cap
        assertThat(c.tick(at(24 * 8)).capacityRequest())
                .map(CapacityRequest::accelerators)
                .contains(24);

        Cluster later = Fixtures.cluster();
        later.applyAvailability(outlook(at(0), 8, 24));
        later.submit(job("j", 40, 1));
        // every week over: the availability says nothing about now
        assertThat(later.tick(at(24 * 15)).capacityRequest())
                .map(CapacityRequest::accelerators)
                .contains(40);
    }

    @Test
    void withoutAvailabilityRequestsAreAsBefore() {
        Cluster c = Fixtures.cluster();
        c.submit(job("j", 40, 1));
        CapacityRequest request = c.tick(at(0)).capacityRequest().orElseThrow();
        assertThat(request.accelerators()).isEqualTo(40);
        assertThat(request.capped()).isFalse();
    }

    @Test
    void theLastAvailabilityReadReplacesTheOneHeld() {
        Cluster c = Fixtures.cluster();
        c.applyAvailability(outlook(at(5), 100));
        c.applyAvailability(outlook(at(4), 1)); // stamped earlier, read later: the later record of the log wins
        assertThat(c.outlook().orElseThrow().publishedAt()).isEqualTo(at(4));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.applyAvailability(null))
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(ModelRejection.Kind.INVALID));
    }

    @Test
    void theBacklogWaitsUntilTheEndOfTheFirstWeekWhoseP50CoversWhatFreeAndRequestedDoNot() {
        Cluster c = Fixtures.cluster();
        c.addAccelerators("r", "rack", ids("a", 8));
        c.applyBudget(0, at(0)); // nothing runs: the queue keeps its demand
        c.submit(job("big", 100, 1));
        c.tick(at(0)); // no availability yet: the request asks for 96 (12 racks beyond the 8 free)
        assertThat(c.outstandingRequest()).map(CapacityRequest::accelerators).contains(96);
        assertThat(c.backlogWait().uncovered()).isZero(); // free and requested cover the backlog
        assertThat(c.backlogWait().expectedWaitWeeks()).isZero();

        c.submit(job("more", 50, 1));
        c.tick(at(1));
        BacklogWait unknown = c.backlogWait();
        assertThat(unknown.uncovered()).isEqualTo(46); // 150 queued - 8 free - 96 requested
        assertThat(unknown.expectedWaitWeeks()).isNaN();

        c.applyAvailability(outlook(at(1), 10, 40, 60, 80));
        c.tick(at(2));
        BacklogWait wait = c.backlogWait();
        assertThat(wait.week()).isEqualTo(3); // 60 >= 46
        assertThat(wait.weekTo()).isEqualTo(Fixtures.T0.plus(WEEK.multipliedBy(3)));
        assertThat(wait.expectedWaitWeeks()).isCloseTo(3 - 2.0 / (7 * 24), org.assertj.core.data.Offset.offset(1e-9));

        c.submit(job("huge", 500, 1));
        c.tick(at(3));
        assertThat(c.backlogWait().expectedWaitWeeks()).isInfinite();
    }

    @Test
    void theAvailabilityIsInTheSnapshotAndASnapshotWithoutItStillRestores() {
        Cluster c = Fixtures.cluster();
        c.applyAvailability(outlook(at(0), 20, 100));
        c.submit(job("j", 40, 1));
        c.tick(at(1));
        SchedulerState state = c.state();

        Cluster restored = Fixtures.cluster();
        restored.restore(state);
        assertThat(restored.state()).isEqualTo(state);
        assertThat(restored.outlook()).isEqualTo(c.outlook());

        // a snapshot written before the availability and the request's wanted were kept
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        ObjectNode json = mapper.valueToTree(state);
        json.remove("outlook");
        ((ObjectNode) json.get("outstandingRequest")).remove("wanted");
        SchedulerState old = mapper.convertValue(json, SchedulerState.class);
        Cluster fromOld = Fixtures.cluster();
        fromOld.restore(old);
        assertThat(fromOld.outlook()).isEmpty();
        assertThat(fromOld.outstandingRequest().orElseThrow().accelerators()).isEqualTo(16);
        assertThat(fromOld.outstandingRequest().orElseThrow().capped()).isFalse();
    }
}
