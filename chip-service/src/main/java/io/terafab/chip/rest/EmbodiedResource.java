package io.terafab.chip.rest;

import io.terafab.chip.domain.AcceleratorView;
import io.terafab.chip.domain.carbon.EmbodiedLedger;
import io.terafab.chip.domain.carbon.PackagingFootprint;
import io.terafab.chip.twin.ChipCarbon;
import io.terafab.chip.twin.ChipTwin;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Embodied energy and carbon: per SKU, per lot and per accelerator, with the lineage back to its batch and lot. */
@Path("/inventory/embodied")
@Produces(MediaType.APPLICATION_JSON)
public class EmbodiedResource {

    @Inject
    ChipTwin twin;

    @Inject
    ChipCarbon carbon;

    /**
     * Per chip of one SKU, the mean over its chips made of lots with a footprint.
     *
     * @param chips chips counted
     * @param kwhPerChip fab share plus packaging and test
     * @param kgCo2ePerChip likewise
     * @param fabKwhPerChip the fab's share alone
     * @param fabKgCo2ePerChip likewise
     */
    public record SkuEmbodied(
            long chips, double kwhPerChip, double kgCo2ePerChip, double fabKwhPerChip, double fabKgCo2ePerChip) {}

    /**
     * The embodied figures of the campus.
     *
     * @param packagingTestKwhPerChip the configured packaging and test energy per chip
     * @param packagingTestKgCo2ePerChip the configured packaging and test carbon per chip
     * @param lotsRecorded lots recorded
     * @param lotsWithoutFootprint of those, lots whose wafer-out carried no energy (packaging and test only)
     * @param bySku per SKU
     */
    public record EmbodiedView(
            double packagingTestKwhPerChip,
            double packagingTestKgCo2ePerChip,
            long lotsRecorded,
            long lotsWithoutFootprint,
            Map<String, SkuEmbodied> bySku) {}

    /**
     * A lot's footprint.
     *
     * @param lotId the lot
     * @param fabKwh the fab's energy booked to it
     * @param fabKgCo2e its carbon
     * @param goodDies good dies
     * @param chips chips tested good
     * @param kwhPerGoodDie fab energy per good die
     * @param kgCo2ePerGoodDie likewise
     * @param kwhPerChip fab energy per chip plus packaging and test
     * @param kgCo2ePerChip likewise
     */
    public record LotEmbodied(
            String lotId,
            double fabKwh,
            double fabKgCo2e,
            long goodDies,
            long chips,
            double kwhPerGoodDie,
            double kgCo2ePerGoodDie,
            double kwhPerChip,
            double kgCo2ePerChip) {}

    /** One accelerator: what making it took and where it came from. */
    public record AcceleratorEmbodied(
            String acceleratorId,
            String sku,
            String rackId,
            String batchId,
            String lotId,
            double kwh,
            double kgCo2e,
            double fabKwh,
            double fabKgCo2e,
            double packagingTestKwh,
            double packagingTestKgCo2e) {}

    @GET
    @Operation(summary = "Embodied energy and carbon per chip of each SKU, and the packaging and test figures")
    public EmbodiedView embodied() {
        PackagingFootprint p = carbon.packaging();
        return twin.read(inv -> {
            Map<String, SkuEmbodied> bySku = new LinkedHashMap<>();
            inv.embodied().bySku().forEach((sku, t) -> {
                EmbodiedLedger.Embodied e = inv.embodied().accelerator(null, sku, p);
                bySku.put(
                        sku,
                        new SkuEmbodied(
                                t.chips(),
                                e.totalWh() / 1e3,
                                e.totalCarbonGrams() / 1e3,
                                e.fabWh() / 1e3,
                                e.fabCarbonGrams() / 1e3));
            });
            return new EmbodiedView(
                    p.whPerChip() / 1e3,
                    p.carbonGramsPerChip() / 1e3,
                    inv.embodied().lotsRecorded(),
                    inv.embodied().lotsWithoutFootprint(),
                    bySku);
        });
    }

    @GET
    @Path("/lots/{lotId}")
    @Operation(summary = "A lot's fab energy and carbon, per good die and per chip")
    public LotEmbodied lot(@PathParam("lotId") String lotId) {
        PackagingFootprint p = carbon.packaging();
        return twin.read(inv -> inv.embodied()
                .lot(lotId)
                .map(l -> new LotEmbodied(
                        lotId,
                        l.fabWh() / 1e3,
                        l.fabCarbonGrams() / 1e3,
                        l.goodDies(),
                        l.chips(),
                        l.whPerGoodDie() / 1e3,
                        l.gramsPerGoodDie() / 1e3,
                        (l.fabWhPerChip() + p.whPerChip()) / 1e3,
                        (l.fabGramsPerChip() + p.carbonGramsPerChip()) / 1e3))
                .orElseThrow(() -> new NotFoundException("no footprint of lot " + lotId
                        + " (unknown, recorded without energy, or out of the lineage window)")));
    }

    @GET
    @Path("/accelerators/{acceleratorId}")
    @Operation(summary = "What making one accelerator took, and its batch and lot")
    public AcceleratorEmbodied accelerator(@PathParam("acceleratorId") String acceleratorId) {
        PackagingFootprint p = carbon.packaging();
        return twin.read(inv -> {
            AcceleratorView a = inv.accelerator(acceleratorId)
                    .orElseThrow(() -> new NotFoundException("unknown accelerator " + acceleratorId));
            EmbodiedLedger.Embodied e = inv.embodied().accelerator(a.lotId(), a.sku(), p);
            return new AcceleratorEmbodied(
                    acceleratorId,
                    a.sku(),
                    a.rackId(),
                    a.batchId(),
                    a.lotId(),
                    e.totalWh() / 1e3,
                    e.totalCarbonGrams() / 1e3,
                    e.fabWh() / 1e3,
                    e.fabCarbonGrams() / 1e3,
                    e.packagingWh() / 1e3,
                    e.packagingCarbonGrams() / 1e3);
        });
    }
}
