package io.terafab.fab.domain.carbon;

import static org.assertj.core.api.Assertions.assertThat;

import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.TerafabFab;
import io.terafab.fab.domain.DieYieldModel;
import io.terafab.fab.domain.LiveFab;
import io.terafab.fab.domain.PowerBudget;
import io.terafab.fab.domain.WaferOut;
import io.terafab.fab.domain.YieldSettings;
import io.terafab.fab.simulation.FabSimulation;
import io.terafab.fab.simulation.LotEnergyMeter;
import io.terafab.testing.property.PropertySeeds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fab's energy booked to lots: the lots' watt-hours plus the unallocated remainder are the fab's
 * energy drawn, exactly, whatever the ticks, caps and settlements; the grid's carbon split over the
 * lots plus the fab's unallocated carbon is what the grid settled, exactly.
 */
class LotEnergyAccountingTest {

    static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");
    static final FabDefinition FAB = TerafabFab.build(TerafabFab.template(), "TFA-1", 10_000, true);
    static final YieldSettings YIELD = new YieldSettings(
            800, 0.06385, DieYieldModel.POISSON, 3, List.of("bin1", "bin2", "bin3"), List.of(0.25, 0.5, 0.25));

    static LongStream seeds() {
        return PropertySeeds.of(1, 2, 3, 5, 8);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void energyBookedToLotsPlusUnallocatedIsTheFabsDrawExactly(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LiveFab fab = new LiveFab(FAB, YIELD, 0.01, seed);
        fab.start(T0);
        Instant now = T0;
        Instant lastSettled = T0;
        long settledGrams = 0;
        long lotsOutWh = 0;
        List<WaferOut> outs = new ArrayList<>();
        for (int step = 0; step < 300; step++) {
            now = now.plusSeconds(30 + random.nextInt(1800));
            outs.addAll(fab.advance(now));
            if (random.nextInt(4) == 0) { // caps hold and pause jobs: the busy energy must follow
                double drawMw = fab.power().drawMw();
                fab.applyBudget(new PowerBudget(drawMw * random.nextDouble(0.5, 1.2), now, now.plusSeconds(300)));
            }
            if (random.nextInt(3) == 0) {
                long grams = random.nextLong(0, 5_000_000);
                fab.settleEnergy(new LotEnergyLedger.Settlement(lastSettled, now, 1, grams, 400));
                settledGrams += grams;
                lastSettled = now;
            }
            LotEnergyLedger.Totals t = fab.energy().totals();
            assertThat(t.lotsWh() + t.unallocatedWh())
                    .as("seed %d step %d", seed, step)
                    .isEqualTo(t.drawnWh());
            assertThat(t.lotsCarbonGrams() + t.unallocatedCarbonGrams())
                    .as("seed %d step %d", seed, step)
                    .isEqualTo(settledGrams);
        }
        for (WaferOut out : outs) {
            lotsOutWh += out.energyWh();
        }
        LotEnergyLedger.Totals t = fab.energy().totals();
        long inLineWh = fab.energy().inLine().values().stream()
                .mapToLong(LotEnergyLedger.LotAccount::energyWh)
                .sum();
        assertThat(outs).as("seed " + seed).isNotEmpty();
        assertThat(t.outEnergyWh()).isEqualTo(lotsOutWh);
        assertThat(lotsOutWh + inLineWh)
                .as("lots out plus lots in the line (scrapped lots take the rest), seed %d", seed)
                .isLessThanOrEqualTo(t.lotsWh())
                .isGreaterThan(t.lotsWh() * 9 / 10);
        // at the template's loads a day in the fab is ~MWh per lot: every lot out carries energy
        assertThat(outs).allSatisfy(o -> assertThat(o.energyWh()).isPositive());
    }

    @Test
    void theLotsTakeWhatTheMeterAttributesAndTheMeterMatchesTheIntegratedDraw() {
        FabSimulation sim = new FabSimulation(FAB, 0.01, 7);
        LotEnergyMeter meter = sim.energyMeter();
        double attributed = 0;
        double drawn = 0;
        for (int hour = 1; hour <= 24 * 3; hour++) {
            sim.runUntil(hour * 3600.0);
            if (hour == 30) {
                sim.setPowerCap(sim.drawWatts() * 0.7); // holds jobs: they must stop drawing busy energy
            }
            LotEnergyMeter.Drained d = meter.drain(sim.now());
            attributed += d.joulesByLot().values().stream()
                            .mapToDouble(Double::doubleValue)
                            .sum()
                    + d.unattributedJoules();
            drawn += d.drawnJoules();
        }
        assertThat(drawn).isPositive();
        // the busy bookkeeping per tool and lot agrees with the draw integrated event to event
        assertThat(attributed).isCloseTo(drawn, org.assertj.core.api.Assertions.within(drawn * 1e-9));
    }

    @Test
    void aReplayedSettlementChangesNothingAndALotLeavingHandsItsTailToTheFab() {
        LotEnergyLedger ledger = new LotEnergyLedger();
        ledger.book(new LotEnergyMeter.Drained(0, 3600, java.util.Map.of("A", 3.6e6, "B", 10.8e6), 0, 14.4e6));
        assertThat(ledger.account("A").energyWh()).isEqualTo(1_000);
        assertThat(ledger.account("B").energyWh()).isEqualTo(3_000);

        assertThat(ledger.settle(new LotEnergyLedger.Settlement(T0, T0.plusSeconds(60), 4_000, 1_600, 400)))
                .isTrue();
        assertThat(ledger.account("A").carbonGrams()).isEqualTo(400);
        assertThat(ledger.account("B").carbonGrams()).isEqualTo(1_200);
        assertThat(ledger.settle(new LotEnergyLedger.Settlement(T0, T0.plusSeconds(60), 4_000, 1_600, 400)))
                .as("a replay")
                .isFalse();

        ledger.book(new LotEnergyMeter.Drained(3600, 7200, java.util.Map.of("A", 3.6e6, "B", 3.6e6), 0, 7.2e6));
        LotEnergyLedger.LotAccount a = ledger.lotLeft("A", 25, 900, false);
        assertThat(a).isEqualTo(new LotEnergyLedger.LotAccount(2_000, 400));
        ledger.settle(new LotEnergyLedger.Settlement(T0.plusSeconds(60), T0.plusSeconds(120), 2_000, 1_000, 500));
        LotEnergyLedger.Totals t = ledger.totals();
        assertThat(ledger.account("B").carbonGrams()).isEqualTo(1_700);
        assertThat(t.unallocatedCarbonGrams()).as("A's tail").isEqualTo(500);
        assertThat(t.lotsCarbonGrams() + t.unallocatedCarbonGrams()).isEqualTo(2_600);
        assertThat(t.outEnergyWh()).isEqualTo(2_000);
    }

    @Test
    void theLedgerSurvivesASnapshotAndKeepsBookingExactly() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
        LiveFab fab = new LiveFab(FAB, YIELD, 0.01, 11);
        fab.start(T0);
        fab.advance(T0.plusSeconds(36_000));
        fab.settleEnergy(new LotEnergyLedger.Settlement(T0, T0.plusSeconds(36_000), 1, 123_456, 400));
        String saved = json.writeValueAsString(fab.state());

        LiveFab restored = new LiveFab(FAB, YIELD, 0.01, 11);
        restored.restore(json.readValue(saved, io.terafab.fab.domain.LiveFabState.class));

        assertThat(restored.energy().totals()).isEqualTo(fab.energy().totals());
        restored.advance(T0.plusSeconds(72_000));
        fab.advance(T0.plusSeconds(72_000));
        LotEnergyLedger.Totals t = restored.energy().totals();
        assertThat(t.lotsWh() + t.unallocatedWh()).isEqualTo(t.drawnWh());
        assertThat(t.drawnWh()).isEqualTo(fab.energy().totals().drawnWh());
        assertThat(t.lotsCarbonGrams() + t.unallocatedCarbonGrams()).isEqualTo(123_456);
    }
}
