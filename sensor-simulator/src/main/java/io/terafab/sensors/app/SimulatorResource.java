package io.terafab.sensors.app;

import io.terafab.sensors.generator.Catalog;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The simulator for whoever runs it: what it sends and from what catalog, and its rate and bad share to change. */
@Path("/simulator")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatorResource {

    @Inject
    SimulatorRuntime runtime;

    /**
     * @param sending whether records are being sent (false until the catalog is loaded, or when disabled)
     * @param runId part of every event and job id of this run
     * @param rate target events per second
     * @param badShare share of bad records
     * @param seed the generator's seed
     * @param catalog what the catalog names (null until loaded) and where it is read from
     * @param sent records the broker acknowledged, by topic, then {@code good} or bad kind
     * @param failed records the producer gave up on
     */
    public record SimulatorView(
            boolean sending,
            String runId,
            double rate,
            double badShare,
            long seed,
            CatalogView catalog,
            Map<String, Map<String, Long>> sent,
            long failed) {}

    public record CatalogView(
            String source,
            boolean loaded,
            int tools,
            int powerAssets,
            long acceleratorsInstalled,
            int acceleratorsRetired,
            int tenants) {}

    public record RateCommand(Double eventsPerSecond) {}

    public record BadShareCommand(Double share) {}

    @GET
    @Operation(
            summary = "What the simulator sends: rate, bad share, records acknowledged by topic and kind, "
                    + "its catalog")
    public SimulatorView status() {
        Catalog c = runtime.catalog();
        CatalogView catalog = c == null
                ? new CatalogView(runtime.catalogSource(), false, 0, 0, 0, 0, 0)
                : new CatalogView(
                        runtime.catalogSource(),
                        true,
                        c.tools().size(),
                        c.power().assetIds().size(),
                        c.installedCount(),
                        c.retired().size(),
                        c.tenants().size());
        return new SimulatorView(
                runtime.sending(),
                runtime.generatorSettings().runId(),
                runtime.rate(),
                runtime.badShare(),
                runtime.generatorSettings().seed(),
                catalog,
                runtime.counts().sentByTopic(),
                runtime.counts().failedTotal());
    }

    @PUT
    @Path("/rate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Changes the target rate: {\"eventsPerSecond\": 50} (0 pauses)")
    public SimulatorView setRate(RateCommand command) {
        if (command == null || command.eventsPerSecond() == null) {
            throw badRequest("body must be {\"eventsPerSecond\": <finite number >= 0>}");
        }
        try {
            runtime.setRate(command.eventsPerSecond());
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
        return status();
    }

    @PUT
    @Path("/bad-share")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Changes the share of bad records: {\"share\": 0.05}")
    public SimulatorView setBadShare(BadShareCommand command) {
        if (command == null || command.share() == null) {
            throw badRequest("body must be {\"share\": <number in [0, 1]>}");
        }
        try {
            runtime.setBadShare(command.share());
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
        return status();
    }

    private static WebApplicationException badRequest(String reason) {
        return new WebApplicationException(Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", reason))
                .build());
    }
}
