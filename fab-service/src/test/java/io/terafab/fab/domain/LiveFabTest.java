package io.terafab.fab.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.TerafabFab;
import io.terafab.platform.model.ModelRejection;
import io.terafab.platform.model.ModelRejection.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default Terafab fab as the service runs it, at a tenth of its start rate to keep the tests quick. */
class LiveFabTest {

    static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");
    static final FabDefinition FAB = TerafabFab.build(TerafabFab.template(), "TFA-1", 10_000, true);
    static final YieldSettings YIELD = new YieldSettings(
            800, 0.06385, DieYieldModel.POISSON, 3, List.of("bin1", "bin2", "bin3"), List.of(0.25, 0.5, 0.25));

    private static LiveFab started() {
        LiveFab fab = new LiveFab(FAB, YIELD, 0.01, 42);
        fab.start(T0);
        return fab;
    }

    private static List<WaferOut> advanceByTicks(LiveFab fab, Duration span, Duration tick) {
        List<WaferOut> out = new ArrayList<>();
        Instant end = fab.now().orElseThrow().plus(span);
        for (Instant t = fab.now().orElseThrow().plus(tick); !t.isAfter(end); t = t.plus(tick)) {
            out.addAll(fab.advance(t));
        }
        return out;
    }

    @Test
    void thePreloadedFabTurnsOutWafersWithinTheFirstDayWithTheirGoodDies() {
        LiveFab fab = started();

        List<WaferOut> firstDay = fab.advance(T0.plus(Duration.ofDays(1)));

        assertThat(firstDay).isNotEmpty().allSatisfy(out -> {
            assertThat(out.lotId()).matches("(LOT|HOT|SHL|WIP)-\\d{8}");
            assertThat(out.product()).isEqualTo("TFA-1");
            assertThat(out.goodDiesByBin())
                    .containsEntry("bin1", 240)
                    .containsEntry("bin2", 480)
                    .containsEntry("bin3", 240);
            assertThat(out.finishedAt()).isAfter(T0).isBeforeOrEqualTo(T0.plus(Duration.ofDays(1)));
            assertThat(out.startedAt()).isBefore(out.finishedAt());
        });
        assertThat(fab.conserved()).isTrue();
        assertThat(fab.wafersStarted()).isEqualTo(fab.wafersOut() + fab.wafersScrapped() + fab.wafersInProcess());
    }

    @Test
    void aBudgetCapsTheDrawFromTheMomentItIsApplied() {
        LiveFab fab = started();
        fab.advance(T0.plus(Duration.ofDays(2)));
        FabPower free = fab.power();
        double cap = (free.drawMw() + fab.simulation().floorWatts() / 1e6) / 2;

        fab.applyBudget(new PowerBudget(cap, T0, T0.plus(Duration.ofMinutes(15))));

        FabPower capped = fab.power();
        assertThat(capped.drawMw()).isLessThanOrEqualTo(cap);
        assertThat(capped.demandMw()).isGreaterThan(capped.drawMw());
        assertThat(capped.speedFactor()).isLessThan(1);
        assertThat(capped.budgetMw()).isEqualTo(cap);
        for (int hour = 1; hour <= 24; hour++) {
            fab.advance(T0.plus(Duration.ofDays(2)).plus(Duration.ofHours(hour)));
            assertThat(fab.power().drawMw()).as("hour %d", hour).isLessThanOrEqualTo(cap);
        }
    }

    @Test
    void theSameSeedGivesTheSameWaferOutsWhateverTheTickLength() {
        List<WaferOut> hourly = advanceByTicks(started(), Duration.ofDays(5), Duration.ofHours(1));
        List<WaferOut> byMinutes = advanceByTicks(started(), Duration.ofDays(5), Duration.ofMinutes(7));

        assertThat(hourly).isNotEmpty().hasSameSizeAs(byMinutes);
        for (int i = 0; i < hourly.size(); i++) {
            WaferOut h = hourly.get(i);
            WaferOut m = byMinutes.get(i);
            assertThat(withoutEnergy(h)).isEqualTo(withoutEnergy(m));
            // each tick rounds a lot's share to whole watt-hours: at most one Wh apart per tick of the finer run
            long ticks = Duration.between(m.startedAt().isBefore(T0) ? T0 : m.startedAt(), m.finishedAt())
                                    .toMinutes()
                            / 7
                    + 2;
            assertThat(h.energyWh()).as(h.lotId()).isPositive().isCloseTo(m.energyWh(), within(ticks));
        }
    }

    private static WaferOut withoutEnergy(WaferOut out) {
        return new WaferOut(
                out.lotId(),
                out.product(),
                out.priority(),
                out.wafers(),
                out.goodDiesByBin(),
                out.startedAt(),
                out.finishedAt(),
                0,
                0);
    }

    @Test
    void aRestoredFabResumesExactlyWhereTheSnapshotWas() throws Exception {
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        LiveFab original = started();
        original.advance(T0.plus(Duration.ofDays(3)));
        double floorMw = original.simulation().floorWatts() / 1e6;
        // a cap that slows the line yet leaves regular lots more room than the reserve kept for urgent ones
        original.applyBudget(new PowerBudget(
                floorMw + 0.75 * (original.power().drawMw() - floorMw), T0, T0.plus(Duration.ofMinutes(15))));
        String snapshot = json.writeValueAsString(original.state());

        LiveFab restored = new LiveFab(FAB, YIELD, 0.01, 42);
        restored.restore(json.readValue(snapshot, LiveFabState.class));
        assertThat(restored.start(T0.plus(Duration.ofDays(9))))
                .as("a restored fab is started")
                .isFalse();

        assertThat(restored.advance(T0.plus(Duration.ofDays(6))))
                .isNotEmpty()
                .isEqualTo(original.advance(T0.plus(Duration.ofDays(6))));
        assertThat(restored.budget()).isEqualTo(original.budget());
        assertThat(restored.meanCycleTime()).isEqualTo(original.meanCycleTime());
    }

    @Test
    void aBudgetIssuedBeforeTheOneInForceIsRefusedAsOutOfOrderAndTheCapStays() {
        LiveFab fab = started();
        fab.advance(T0.plus(Duration.ofHours(6)));
        PowerBudget inForce = new PowerBudget(500, T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofHours(3)));
        fab.applyBudget(inForce);

        assertThatThrownBy(() ->
                        fab.applyBudget(new PowerBudget(1, T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(4)))))
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(Kind.OUT_OF_ORDER))
                .hasMessageContaining("older than the one in force");

        assertThat(fab.budget()).contains(inForce);
        assertThat(fab.power().budgetMw()).isEqualTo(500.0);
        PowerBudget sameInstant = new PowerBudget(400, inForce.issuedAt(), inForce.validUntil());
        fab.applyBudget(sameInstant);
        assertThat(fab.budget()).contains(sameInstant);
    }

    @Test
    void advancingBeforeTheStartOrWithoutABudgetIsRefused() {
        LiveFab fab = new LiveFab(FAB, YIELD, 0.01, 42);
        assertThatThrownBy(() -> fab.advance(T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> started().applyBudget(null))
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID));
        assertThat(started().advance(T0))
                .as("not after the fab's time: nothing")
                .isEmpty();
    }
}
