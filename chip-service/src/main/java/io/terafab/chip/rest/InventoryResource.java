package io.terafab.chip.rest;

import io.terafab.chip.domain.SkuStock;
import io.terafab.chip.twin.ChipTwin;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/inventory")
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource {

    @Inject
    ChipTwin twin;

    public record SkuView(long produced, long inStock, long installed) {
    }

    public record InventoryView(Map<String, SkuView> skus, long lotsRecorded, int racks, boolean conserved) {
    }

    @GET
    @Operation(summary = "Chips per SKU and state, with the conservation check")
    public InventoryView inventory() {
        return twin.read(inv -> {
            Map<String, SkuView> skus = new TreeMap<>();
            inv.stockBySku().forEach((sku, s) -> skus.put(sku, view(s)));
            return new InventoryView(skus, inv.lotsRecorded(), inv.racks(), inv.conserved());
        });
    }

    @GET
    @Path("/lots/{lotId}")
    @Operation(summary = "Chips made from a lot, per SKU (lineage)")
    public Map<String, Long> chipsOfLot(@PathParam("lotId") String lotId) {
        Map<String, Long> chips = twin.read(inv -> inv.chipsOfLot(lotId));
        if (chips.isEmpty()) {
            throw new NotFoundException("no wafer-out recorded for lot " + lotId);
        }
        return chips;
    }

    private static SkuView view(SkuStock s) {
        return new SkuView(s.produced(), s.inStock(), s.installed());
    }
}
