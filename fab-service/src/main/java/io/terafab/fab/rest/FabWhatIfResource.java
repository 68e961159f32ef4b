package io.terafab.fab.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.fab.domain.FabForecaster;
import io.terafab.fab.domain.FabWhatIf;
import io.terafab.fab.domain.Scenario;
import io.terafab.fab.domain.ScenarioChange;
import io.terafab.fab.twin.FabConfig;
import io.terafab.fab.twin.FabTwin;
import io.terafab.platform.model.ModelRejection;
import io.terafab.platform.rest.ModelRejectionMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * What-ifs on the fab for operators: a scenario of changes, run forward from the live state as paired
 * replications (baseline and scenario on the same seeds) on copies, never on the live model. One at a
 * time: a second while one runs is answered 429. A write like every POST: it needs an operator's token.
 */
@Path("/fab/what-if")
public class FabWhatIfResource {

    static final int DEFAULT_HORIZON_DAYS = 28;
    static final int DEFAULT_REPLICATIONS = 5;
    /** Seconds a refused caller should wait: about what a default what-if takes on two cores. */
    static final String RETRY_AFTER_SECONDS = "15";

    @Inject
    FabTwin twin;

    @Inject
    FabConfig config;

    @Inject
    ObjectMapper mapper;

    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * A what-if request.
     *
     * @param horizonDays days ahead, 1 to 91 (default 28)
     * @param replications paired replications, 1 to 20 (default 5)
     * @param seed the seed the replications' seeds are drawn from (default: the fab's seed and the fork instant)
     * @param changes the scenario (may be empty: the scenario is then the baseline)
     */
    public record WhatIfRequest(
            Integer horizonDays, Integer replications, Long seed, List<ScenarioChange.Spec> changes) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(
            summary = "Run a what-if on the fab",
            description = "Forks the live fab, runs the baseline and the scenario on the same seeds and answers per"
                    + " week and in total the P10/P50/P90 of wafers started, wafers out, good dies per SKU and fab"
                    + " energy in each arm and of their paired differences. Change kinds: tools-down (group, count),"
                    + " wafer-starts (product?, multiplier | wafersPerDay), priority-mix (product?, hotShare?,"
                    + " superHotShare?), fab-power-cap (capMw); each with startHours and durationHours after the"
                    + " fork. Accept: text/html or ?format=html answers a page with charts. 400 with the reason for"
                    + " a scenario the fab cannot run, 429 while another what-if runs.")
    public Response whatIf(WhatIfRequest request, @QueryParam("format") String format, @Context HttpHeaders headers) {
        if (request == null) {
            throw ModelRejection.invalid(
                    "a what-if needs a body: {\"horizonDays\":28,\"replications\":5," + "\"changes\":[...]}");
        }
        if (format != null && !format.equals("html") && !format.equals("json")) {
            throw ModelRejection.invalid("format must be html or json, was " + format);
        }
        int horizonDays = request.horizonDays() == null ? DEFAULT_HORIZON_DAYS : request.horizonDays();
        int replications = request.replications() == null ? DEFAULT_REPLICATIONS : request.replications();
        FabWhatIf.requireBounds(horizonDays, replications);
        Scenario scenario = Scenario.of(request.changes());
        scenario.validate(twin.read(fab -> fab.definition()), horizonDays * 24.0);
        if (!running.compareAndSet(false, true)) {
            return Response.fromResponse(ModelRejectionMapper.refused(
                            Response.Status.TOO_MANY_REQUESTS,
                            "busy: another what-if is running; one runs at a time, try again when it is done"))
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .build();
        }
        try {
            FabForecaster.ForkPoint fork = twin.read(fab -> fab.started() ? fab.forkPoint() : null);
            if (fork == null) {
                throw ModelRejection.notAllowed("the fab has not started yet: there is no live state to fork");
            }
            long seed = request.seed() != null
                    ? request.seed()
                    : config.seed() ^ fork.at().toEpochMilli();
            FabWhatIf.Result result = FabWhatIf.run(
                    fork,
                    scenario,
                    horizonDays,
                    replications,
                    seed,
                    config.whatIf().threads());
            if (wantsHtml(format, headers)) {
                return Response.ok(
                                WhatIfPage.render(fork.definition().name(), result, json(result)),
                                MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                        .build();
            }
            return Response.ok(result, MediaType.APPLICATION_JSON_TYPE).build();
        } finally {
            running.set(false);
        }
    }

    /** {@code ?format=html}, or an Accept header that ranks HTML above JSON (as a browser's does). */
    private static boolean wantsHtml(String format, HttpHeaders headers) {
        if (format != null) {
            return format.equals("html");
        }
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.TEXT_HTML_TYPE) && !type.isWildcardType()) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                return false;
            }
        }
        return false;
    }

    private String json(FabWhatIf.Result result) {
        try {
            return mapper.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a what-if result did not serialize", e);
        }
    }
}
