package io.terafab.chip.rest;

import io.terafab.chip.domain.CapacityRequest;
import io.terafab.chip.domain.Reservation;
import io.terafab.chip.twin.ChipTwin;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Capacity requests and what became of them: reservations waiting for install, backorders waiting for stock. */
@Path("/inventory")
@Produces(MediaType.APPLICATION_JSON)
public class AllocationResource {

    @Inject
    ChipTwin twin;

    @GET
    @Path("/reservations")
    @Operation(summary = "Open reservations, in install order (priority, then arrival)")
    public List<Reservation> reservations() {
        return twin.read(inv -> inv.reservations());
    }

    @GET
    @Path("/backorders")
    @Operation(summary = "Requests waiting for stock, in the order they will be served (priority, then arrival)")
    public List<CapacityRequest> backorders() {
        return twin.read(inv -> inv.requests().backorders());
    }

    @GET
    @Path("/requests/{requestId}")
    @Operation(summary = "A capacity request: requested, filled on arrival, reserved, installed, expired, backordered")
    public CapacityRequest request(@PathParam("requestId") String requestId) {
        return twin.read(inv -> inv.requests()
                .find(requestId)
                .orElseThrow(() -> new NotFoundException("unknown request " + requestId)));
    }
}
