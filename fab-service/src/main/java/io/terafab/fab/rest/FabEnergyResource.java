package io.terafab.fab.rest;

import io.terafab.fab.domain.LiveFab;
import io.terafab.fab.domain.carbon.LotEnergyLedger;
import io.terafab.fab.twin.FabTwin;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The fab's energy and carbon booked to lots, with the conservation check, and the per-wafer figures. */
@Path("/fab/energy")
@Produces(MediaType.APPLICATION_JSON)
public class FabEnergyResource {

    @Inject
    FabTwin twin;

    /**
     * The fab's energy and carbon accounts.
     *
     * @param simTime the fab's simulated time
     * @param drawnWh the fab's energy drawn since it started
     * @param lotsWh energy booked to lots
     * @param unallocatedWh energy booked to no lot (idle and facility energy while the line is empty)
     * @param conserved whether {@code lotsWh + unallocatedWh == drawnWh}
     * @param lotsCarbonGrams carbon booked to lots
     * @param unallocatedCarbonGrams carbon booked to no lot (and the tail of lots already out)
     * @param settledCarbonGrams carbon the grid settled with the fab: {@code lots + unallocated}
     * @param settledWh energy the grid settled with the fab (its meter of the fab, on its own ticks)
     * @param settlements intervals settled
     * @param settledThrough end of the last interval settled
     * @param gramsPerKwh carbon intensity of that interval
     * @param lotsOut lots out good since the ledger started
     * @param wafersOut their wafers
     * @param kwhPerWaferOut energy booked to the lots out, per wafer
     * @param kwhPerGoodDie energy booked to the lots out, per good die
     * @param kgCo2ePerWaferOut carbon booked to the lots out, per wafer
     * @param drawnKwhPerWaferOut the fab's whole draw per wafer out (includes lots still in the line and scrap)
     */
    public record EnergyView(
            Instant simTime,
            long drawnWh,
            long lotsWh,
            long unallocatedWh,
            boolean conserved,
            long lotsCarbonGrams,
            long unallocatedCarbonGrams,
            long settledCarbonGrams,
            long settledWh,
            long settlements,
            Instant settledThrough,
            double gramsPerKwh,
            long lotsOut,
            long wafersOut,
            Double kwhPerWaferOut,
            Double kwhPerGoodDie,
            Double kgCo2ePerWaferOut,
            Double drawnKwhPerWaferOut) {}

    /** One lot's account while it is in the line. */
    public record LotEnergyView(String lotId, long energyWh, long carbonGrams) {}

    @GET
    @Operation(summary = "The fab's energy and carbon booked to lots, and per wafer")
    public EnergyView energy() {
        return twin.read(fab -> view(fab));
    }

    @GET
    @Path("/lots/{lotId}")
    @Operation(summary = "Energy and carbon booked so far to a lot in the line")
    public LotEnergyView lot(@PathParam("lotId") String lotId) {
        return twin.read(fab -> {
            LotEnergyLedger.LotAccount a = fab.energy().account(lotId);
            return new LotEnergyView(lotId, a.energyWh(), a.carbonGrams());
        });
    }

    static EnergyView view(LiveFab fab) {
        LotEnergyLedger.Totals t = fab.energy().totals();
        return new EnergyView(
                fab.now().orElse(null),
                t.drawnWh(),
                t.lotsWh(),
                t.unallocatedWh(),
                t.lotsWh() + t.unallocatedWh() == t.drawnWh(),
                t.lotsCarbonGrams(),
                t.unallocatedCarbonGrams(),
                t.settledCarbonGrams(),
                t.settledWh(),
                t.settlements(),
                t.settledThrough(),
                t.gramsPerKwh(),
                t.lotsOut(),
                t.wafersOut(),
                ratio(t.outEnergyWh() / 1e3, t.wafersOut()),
                ratio(t.outEnergyWh() / 1e3, t.goodDiesOut()),
                ratio(t.outCarbonGrams() / 1e3, t.wafersOut()),
                ratio(t.drawnWh() / 1e3, t.wafersOut()));
    }

    private static Double ratio(double value, long per) {
        return per == 0 ? null : value / per;
    }
}
