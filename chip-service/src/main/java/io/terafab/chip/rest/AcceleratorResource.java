package io.terafab.chip.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.chip.domain.AcceleratorView;
import io.terafab.chip.domain.RetiredAccelerator;
import io.terafab.chip.messaging.ChipCommands;
import io.terafab.chip.twin.ChipTwin;
import io.terafab.platform.messaging.CommandOutcome;
import io.terafab.platform.messaging.OperatorCommands;
import io.terafab.platform.rest.CommandAnswers;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * One accelerator's lineage and state, and the commands that dispose of a failed one. A command goes
 * through the log ({@link ChipCommands}, {@code chips.commands}) and is answered once chip-service
 * applied it: 200 with the accelerator and {@code eventId}, {@code outcome} ({@code applied}, or
 * {@code duplicate} for a re-sent {@code Idempotency-Key}). A command the model refuses changes
 * nothing and answers 404 (unknown accelerator), 409 (not allowed in its state) or 400, with the
 * reason its dead letter on {@code chips.commands.dlq} carries; see {@link CommandAnswers} for a
 * command not applied within {@code twin.commands.timeout} (202) or not on the log (503, 504).
 */
@Path("/inventory/accelerators")
@Produces(MediaType.APPLICATION_JSON)
public class AcceleratorResource {

    @Inject
    ChipTwin twin;

    @Inject
    ChipCommands chipCommands;

    @Inject
    OperatorCommands commands;

    @Inject
    ObjectMapper mapper;

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
    @Operation(summary = "Returns a FAILED accelerator to the supplier (RETURNED), through chips.commands")
    public Response returnFailed(
            @PathParam("acceleratorId") String acceleratorId,
            @HeaderParam(CommandAnswers.IDEMPOTENCY_KEY) String idempotencyKey,
            @Context SecurityContext caller)
            throws InterruptedException {
        CommandOutcome outcome =
                chipCommands.returnFailed(acceleratorId, commands.eventId(idempotencyKey), operator(caller));
        return CommandAnswers.answer(outcome, Response.Status.OK, () -> view(acceleratorId), mapper);
    }

    @POST
    @Path("/{acceleratorId}/scrap")
    @Operation(summary = "Scraps a FAILED accelerator (SCRAPPED), through chips.commands")
    public Response scrapFailed(
            @PathParam("acceleratorId") String acceleratorId,
            @HeaderParam(CommandAnswers.IDEMPOTENCY_KEY) String idempotencyKey,
            @Context SecurityContext caller)
            throws InterruptedException {
        CommandOutcome outcome =
                chipCommands.scrapFailed(acceleratorId, commands.eventId(idempotencyKey), operator(caller));
        return CommandAnswers.answer(outcome, Response.Status.OK, () -> view(acceleratorId), mapper);
    }

    private AcceleratorView view(String acceleratorId) {
        return twin.read(inv -> inv.accelerator(acceleratorId).orElse(null));
    }

    /** Writes need a token with role operator, so there is always a name. */
    private static String operator(SecurityContext caller) {
        return caller.getUserPrincipal().getName();
    }
}
