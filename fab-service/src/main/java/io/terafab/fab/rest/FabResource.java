package io.terafab.fab.rest;

import io.terafab.fab.domain.FabPower;
import io.terafab.fab.domain.LotProgress;
import io.terafab.fab.twin.FabTwin;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The fab line for operators: totals with the conservation check, power against the budget, lots in process. */
@Path("/fab")
@Produces(MediaType.APPLICATION_JSON)
public class FabResource {

    /** More lots than a steady-state line holds (~6,000 at the defaults) is never needed in one answer. */
    static final int MAX_LOTS = 10_000;

    @Inject
    FabTwin twin;

    public record FabView(String product, Instant simTime, int wipLots, long wafersStarted, long wafersOut,
            long wafersScrapped, long wafersInProcess, boolean conserved, long lotsOut, long lotsScrapped,
            Double meanCycleTimeDays, double powerDemandMw, double powerDrawMw, Double budgetMw, double speedFactor) {
    }

    @GET
    @Operation(summary = "Line totals with the conservation check, and its power against the budget")
    public FabView fab() {
        return twin.read(line -> {
            FabPower power = line.power();
            return new FabView(line.settings().product(), line.now().orElse(null), line.lotsInProcess(),
                    line.wafersStarted(), line.wafersOut(), line.wafersScrapped(), line.wafersInProcess(),
                    line.conserved(), line.lotsOut(), line.lotsScrapped(),
                    line.meanCycleTime().map(d -> d.toNanos() / 86_400e9).orElse(null),
                    power.demandMw(), power.drawMw(), power.budgetMw(), power.speedFactor());
        });
    }

    @GET
    @Path("/lots")
    @Operation(summary = "Lots in process with their progress along the route, most advanced first")
    public List<LotProgress> lots(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LOTS) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LOTS + ", was " + limit);
        }
        return twin.read(line -> line.lots(limit));
    }
}
