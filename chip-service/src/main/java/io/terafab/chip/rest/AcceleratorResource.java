package io.terafab.chip.rest;

import io.terafab.chip.domain.AcceleratorView;
import io.terafab.chip.domain.RetiredAccelerator;
import io.terafab.chip.twin.ChipTwin;
import io.terafab.platform.clock.TwinClock;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * One accelerator's lineage and state, and the commands that dispose of a failed one. A command
 * the model refuses changes nothing and answers 404 (unknown accelerator), 409 (not allowed in
 * its state) or 400.
 */
@Path("/inventory/accelerators")
@Produces(MediaType.APPLICATION_JSON)
public class AcceleratorResource {

    @Inject
    ChipTwin twin;

    @Inject
    TwinClock clock;

    @GET
    @Path("/retired")
    @Operation(summary = "Accelerators out of service: failed, returned or scrapped")
    public List<RetiredAccelerator> retired() {
        return twin.read(inv -> inv.retired());
    }

    @GET
    @Path("/{acceleratorId}")
    @Operation(summary = "An accelerator: state, rack, request, batch and lot")
    public AcceleratorView accelerator(@PathParam("acceleratorId") String acceleratorId) {
        return twin.read(inv -> inv.accelerator(acceleratorId)
                .orElseThrow(() -> new NotFoundException("unknown accelerator " + acceleratorId)));
    }

    @POST
    @Path("/{acceleratorId}/return")
    @Operation(summary = "Returns a FAILED accelerator to the supplier (RETURNED)")
    public AcceleratorView returnFailed(@PathParam("acceleratorId") String acceleratorId) {
        return twin.change(inv -> inv.returnFailed(acceleratorId, clock.now()));
    }

    @POST
    @Path("/{acceleratorId}/scrap")
    @Operation(summary = "Scraps a FAILED accelerator (SCRAPPED)")
    public AcceleratorView scrapFailed(@PathParam("acceleratorId") String acceleratorId) {
        return twin.change(inv -> inv.scrapFailed(acceleratorId, clock.now()));
    }
}
