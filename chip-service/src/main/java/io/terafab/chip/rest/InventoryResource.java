package io.terafab.chip.rest;

import io.terafab.chip.domain.AcceleratorAvailability;
import io.terafab.chip.domain.ChipBatch;
import io.terafab.chip.domain.ChipCounts;
import io.terafab.chip.domain.ChipInventory;
import io.terafab.chip.domain.ChipState;
import io.terafab.chip.domain.JobsOnRacks;
import io.terafab.chip.domain.Rack;
import io.terafab.chip.domain.RackSlice;
import io.terafab.chip.twin.ChipTwin;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Chips per SKU and state, and lineage both ways: lot → batches → racks, rack → slices → lots. */
@Path("/inventory")
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource {

    @Inject
    ChipTwin twin;

    /** One SKU's chips in every state, and the accelerators backordered for exactly this SKU. */
    public record SkuView(
            long produced,
            long inStock,
            long reserved,
            long installed,
            long failed,
            long returned,
            long scrapped,
            long backordered) {

        static SkuView of(ChipCounts c, long backordered) {
            return new SkuView(
                    c.produced(),
                    c.inStock(),
                    c.reserved(),
                    c.installed(),
                    c.failed(),
                    c.returned(),
                    c.scrapped(),
                    backordered);
        }
    }

    /**
     * The whole inventory. {@code conserved}: per SKU, produced = inStock + reserved + installed +
     * failed + returned + scrapped. {@code backordered} includes requests for any SKU.
     */
    public record InventoryView(
            Map<String, SkuView> skus,
            long lotsRecorded,
            int racks,
            int reservations,
            Map<String, Long> backordered,
            boolean conserved) {}

    /** One SKU with its rates (simulated time, trailing window) and how long its stock lasts. */
    public record SkuDetail(
            String sku, SkuView chips, double productionPerDay, double usagePerDay, double daysOfSupply) {}

    /** A batch: the chips of one SKU one lot made, from good dies to their states now. */
    public record BatchView(String batchId, String sku, long goodDies, long packaged, ChipCounts chips) {

        static BatchView of(ChipBatch b) {
            return new BatchView(b.batchId(), b.sku(), b.goodDies(), b.packaged(), b.counts());
        }
    }

    /**
     * Which chips a lot made (its batches), which racks they went to (accelerators per rack), and the
     * jobs that ran on those racks, newest first (the newest {@code chip.lineage.job-runs-per-rack} of
     * each rack; a rack that also holds other lots' chips lists their jobs too).
     */
    public record LotLineage(
            String lotId, List<BatchView> batches, Map<String, Long> racks, List<JobsOnRacks.JobOnRacks> jobs) {}

    /** A rack, its slices (consecutive accelerators of one batch), the lots they came from and its newest job runs. */
    public record RackLineage(
            String rackId,
            int capacity,
            int installed,
            List<RackSlice> slices,
            Map<String, Long> lots,
            List<JobsOnRacks.JobRun> jobs) {}

    public record RackSummary(String rackId, int capacity, int installed) {}

    private static final double SECONDS_PER_DAY = 86_400;

    @GET
    @Operation(summary = "Chips per SKU and state, backorders, and the conservation check")
    public InventoryView inventory() {
        return twin.read(inv -> {
            Map<String, Long> backordered = inv.backorderedBySku();
            Map<String, SkuView> skus = new TreeMap<>();
            inv.countsBySku().forEach((sku, c) -> skus.put(sku, SkuView.of(c, backordered.get(sku))));
            return new InventoryView(
                    skus,
                    inv.lineage().lotsRecorded(),
                    inv.crew().racksInUse(),
                    inv.openReservations(),
                    backordered,
                    inv.conserved());
        });
    }

    @GET
    @Path("/availability")
    @Operation(
            summary = "Accelerators available by the end of each week ahead, per SKU and for any SKU, P10/P50/P90",
            description = "In stock now, less accelerators backordered, plus the chips the fab's forecast good dies"
                    + " become, cumulative by week (AcceleratorAvailability states the rule); 404 before the first"
                    + " forecast arrived on fab.forecasts")
    public AcceleratorAvailability availability() {
        AcceleratorAvailability availability = twin.read(inv -> inv.forecast()
                .flatMap(f -> inv.availability(inv.lastTick().orElse(f.from())))
                .orElse(null));
        if (availability == null) {
            throw new NotFoundException("no fab forecast received yet");
        }
        return availability;
    }

    @GET
    @Path("/skus/{sku}")
    @Operation(summary = "One SKU: chips per state, production and usage per simulated day, days of supply")
    public SkuDetail sku(@PathParam("sku") String sku) {
        return twin.read(inv -> {
            if (!inv.countsBySku().containsKey(sku)) {
                throw new NotFoundException("unknown SKU " + sku);
            }
            return new SkuDetail(
                    sku,
                    SkuView.of(inv.counts(sku), inv.backorderedBySku().get(sku)),
                    inv.productionPerSecond(sku) * SECONDS_PER_DAY,
                    inv.usagePerSecond(sku) * SECONDS_PER_DAY,
                    inv.supplySeconds(sku) / SECONDS_PER_DAY);
        });
    }

    @GET
    @Path("/states/{state}")
    @Operation(summary = "Chips in one state (in_stock, reserved, installed, failed, returned, scrapped) per SKU")
    public Map<String, Long> chipsInState(@PathParam("state") String state) {
        ChipState chipState = Arrays.stream(ChipState.values())
                .filter(s -> s.name().equalsIgnoreCase(state.replace('-', '_')))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("unknown state " + state + " (known: "
                        + Arrays.stream(ChipState.values())
                                .map(s -> s.name().toLowerCase(Locale.ROOT))
                                .toList() + ")"));
        return twin.read(inv -> {
            Map<String, Long> bySku = new TreeMap<>();
            inv.countsBySku().forEach((sku, c) -> bySku.put(sku, c.count(chipState)));
            return bySku;
        });
    }

    @GET
    @Path("/lots/{lotId}")
    @Operation(summary = "Chips made from a lot, per SKU")
    public Map<String, Long> chipsOfLot(@PathParam("lotId") String lotId) {
        return twin.read(inv -> {
            requireLot(inv, lotId);
            return inv.lineage().chipsOfLot(lotId);
        });
    }

    @GET
    @Path("/lots/{lotId}/lineage")
    @Operation(
            summary =
                    "Lineage of a lot: its chip batches (dies, packaged, tested, chips per state), the racks they went to"
                            + " and the jobs that ran on those racks")
    public LotLineage lotLineage(@PathParam("lotId") String lotId) {
        return twin.read(inv -> {
            requireLot(inv, lotId);
            Map<String, Long> racks = inv.crew().racksOfLot(lotId);
            return new LotLineage(
                    lotId,
                    inv.lineage().batchesOfLot(lotId).stream()
                            .map(BatchView::of)
                            .toList(),
                    racks,
                    inv.jobs().jobsOn(racks.keySet()));
        });
    }

    @GET
    @Path("/racks")
    @Operation(summary = "Racks with accelerators installed, in install order")
    public List<RackSummary> racks() {
        return twin.read(inv -> inv.crew().racks().stream()
                .map(r -> new RackSummary(r.rackId(), r.capacity(), r.used()))
                .toList());
    }

    @GET
    @Path("/racks/{rackId}")
    @Operation(
            summary =
                    "Lineage of a rack: its accelerators by batch and serial range, the lots they came from, its newest job runs")
    public RackLineage rack(@PathParam("rackId") String rackId) {
        return twin.read(inv -> {
            Rack rack = inv.crew().rack(rackId).orElseThrow(() -> new NotFoundException("unknown rack " + rackId));
            return new RackLineage(
                    rack.rackId(),
                    rack.capacity(),
                    rack.used(),
                    rack.slices(),
                    inv.crew().lotsOfRack(rackId),
                    inv.jobs().runsOn(rackId));
        });
    }

    private static void requireLot(ChipInventory inv, String lotId) {
        if (!inv.lineage().isLotRecorded(lotId)) {
            throw new NotFoundException("no wafer-out recorded for lot " + lotId);
        }
    }
}
