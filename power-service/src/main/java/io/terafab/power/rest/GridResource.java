package io.terafab.power.rest;

import io.terafab.platform.clock.TwinClock;
import io.terafab.power.domain.ConsumerBudget;
import io.terafab.power.domain.ConsumerLoad;
import io.terafab.power.domain.Dispatch;
import io.terafab.power.domain.GridRejection;
import io.terafab.power.twin.PowerTwin;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The grid for operators: what is available, who asks for what, who gets what; and the import limit. */
@Path("/grid")
@Produces(MediaType.APPLICATION_JSON)
public class GridResource {

    @Inject
    PowerTwin twin;

    @Inject
    TwinClock clock;

    /** One consumer in the latest dispatch. Powers in MW. */
    public record ConsumerView(double demandMw, double drawMw, double capMw, double servedMw, double curtailedMw,
            boolean curtailed, boolean stale, Instant lastReadingAt, long outOfOrderReadings) {
    }

    /**
     * The grid as of the latest dispatch ({@code dispatchedAt}; before the first tick, the dispatch a
     * tick now would issue). Powers in MW, times simulated.
     */
    public record GridView(Instant simTime, Instant dispatchedAt, Instant validUntil, double importCapMw,
            double availableMw, double campusBaseLoadMw, double baseServedMw, double suppliedMw, double curtailedMw,
            double headroomMw, long ticks, Map<String, ConsumerView> consumers) {
    }

    /** The new import limit, MW. */
    public record ImportCapCommand(Double capMw) {
    }

    /** The import limit in force and the supply it makes available, MW. */
    public record ImportCapView(double importCapMw, double availableMw) {
    }

    @GET
    @Operation(summary = "Supply, demand, budgets, served and curtailed power per consumer, and headroom")
    public GridView grid() {
        Instant now = clock.now();
        return twin.read(grid -> {
            Dispatch dispatch = twin.currentDispatch(); // same lock, re-entered: dispatch and loads agree
            Map<String, ConsumerView> consumers = new LinkedHashMap<>();
            for (ConsumerBudget b : dispatch.budgets()) {
                ConsumerLoad load = grid.consumers().get(b.consumer());
                consumers.put(b.consumer(), new ConsumerView(b.demandMw(), b.drawMw(), b.capMw(), b.servedMw(),
                        b.curtailedMw(), b.curtailed(), b.stale(), load.lastReadingAt(), load.outOfOrderReadings()));
            }
            return new GridView(now, dispatch.at(), dispatch.validUntil(), grid.importCapMw(), dispatch.availableMw(),
                    dispatch.campusBaseLoadMw(), dispatch.baseServedMw(), dispatch.suppliedMw(),
                    dispatch.curtailedMw(), dispatch.headroomMw(), grid.ticks(), consumers);
        });
    }

    @PUT
    @Path("/import-cap")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Changes what the utility connection may import (MW); budgets follow at the next tick")
    public ImportCapView setImportCap(ImportCapCommand command) {
        if (command == null || command.capMw() == null) {
            throw badRequest("body must be {\"capMw\": <finite number of MW >= 0>}");
        }
        try {
            twin.change(grid -> grid.setImportCap(command.capMw()));
        } catch (GridRejection e) {
            throw badRequest(e.getMessage());
        }
        return twin.read(grid -> new ImportCapView(grid.importCapMw(), grid.availableMw()));
    }

    private static WebApplicationException badRequest(String reason) {
        return new WebApplicationException(Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON).entity(Map.of("error", reason)).build());
    }
}
