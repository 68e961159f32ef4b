package io.terafab.power.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.platform.clock.TwinClock;
import io.terafab.platform.messaging.CommandOutcome;
import io.terafab.platform.messaging.OperatorCommands;
import io.terafab.platform.model.ModelRejection;
import io.terafab.platform.rest.CommandAnswers;
import io.terafab.power.domain.BalancePoint;
import io.terafab.power.domain.BatteryDispatch;
import io.terafab.power.domain.BatterySpec;
import io.terafab.power.domain.ConsumerBudget;
import io.terafab.power.domain.ConsumerLoad;
import io.terafab.power.domain.CostAndCarbon;
import io.terafab.power.domain.Dispatch;
import io.terafab.power.domain.EnergyLedger;
import io.terafab.power.domain.GridBalance;
import io.terafab.power.domain.LoadTotals;
import io.terafab.power.domain.SourceDispatch;
import io.terafab.power.messaging.PowerCommands;
import io.terafab.power.rest.GridViews.BalanceView;
import io.terafab.power.rest.GridViews.BatteryView;
import io.terafab.power.rest.GridViews.BudgetView;
import io.terafab.power.rest.GridViews.ConsumerView;
import io.terafab.power.rest.GridViews.GridView;
import io.terafab.power.rest.GridViews.ImportCapCommand;
import io.terafab.power.rest.GridViews.ImportCapView;
import io.terafab.power.rest.GridViews.LedgerView;
import io.terafab.power.rest.GridViews.LoadView;
import io.terafab.power.rest.GridViews.MetersView;
import io.terafab.power.rest.GridViews.SourceView;
import io.terafab.power.twin.PowerTwin;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The grid for operators: sources, loads, the balance, batteries, budgets, recent history and meter
 * readings, all as of the latest dispatch; and the import limit. Reads take the state lock once,
 * so the dispatch and the model they show agree.
 */
@Path("/grid")
@Produces(MediaType.APPLICATION_JSON)
public class GridResource {

    @Inject
    PowerTwin twin;

    @Inject
    TwinClock clock;

    @Inject
    PowerCommands powerCommands;

    @Inject
    OperatorCommands commands;

    @Inject
    ObjectMapper mapper;

    @GET
    @Operation(
            summary =
                    "Supply, demand, budgets, served and curtailed power per consumer, headroom, cost and carbon rates")
    public GridView grid() {
        return atLatestDispatch((grid, d) -> {
            Map<String, ConsumerView> consumers = new LinkedHashMap<>();
            for (ConsumerBudget b : d.budgets()) {
                ConsumerLoad load = grid.consumers().get(b.consumer());
                consumers.put(
                        b.consumer(),
                        new ConsumerView(
                                b.demandMw(),
                                b.drawMw(),
                                b.capMw(),
                                b.servedMw(),
                                b.curtailedMw(),
                                b.curtailed(),
                                b.stale(),
                                load.lastReadingAt()));
            }
            return new GridView(
                    clock.now(),
                    d.at(),
                    d.validUntil(),
                    grid.settings().meritOrder().name().toLowerCase(Locale.ROOT),
                    grid.importCapMw(),
                    d.availableMw(),
                    d.generationMw(),
                    d.campusBaseLoadMw(),
                    d.baseServedMw(),
                    d.servedMw(),
                    d.batteryChargeMw(),
                    d.batteryDischargeMw(),
                    d.curtailedMw(),
                    d.headroomMw(),
                    d.costRateUsdPerHour(),
                    d.carbonRateTonnesPerHour(),
                    grid.ticks(),
                    consumers);
        });
    }

    @GET
    @Path("/sources")
    @Operation(
            summary =
                    "Every source (grid connection, gas turbines, solar plants): limit, available, output, cost, carbon")
    public List<SourceView> sources() {
        return atLatestDispatch((grid, d) -> {
            List<SourceView> views = new ArrayList<>(d.sources().size());
            for (int i = 0; i < d.sources().size(); i++) {
                SourceDispatch s = d.sources().get(i);
                views.add(new SourceView(
                        s.id(),
                        s.kind().code(),
                        limitOf(grid, i),
                        s.availableMw(),
                        s.outputMw(),
                        s.spareMw(),
                        s.costPerMwh(),
                        s.carbonTonnesPerMwh(),
                        s.breakerOpen(),
                        s.measured()));
            }
            return views;
        });
    }

    @GET
    @Path("/loads")
    @Operation(
            summary =
                    "The base load and every consumer: demand, budget, served, and energy, cost and carbon since the start")
    public List<LoadView> loads() {
        return atLatestDispatch((grid, d) -> {
            List<LoadView> views = new ArrayList<>();
            LoadTotals base = grid.ledger().of(EnergyLedger.BASE_LOAD);
            views.add(new LoadView(
                    EnergyLedger.BASE_LOAD,
                    d.campusBaseLoadMw(),
                    null,
                    d.baseServedMw(),
                    Math.max(0, d.campusBaseLoadMw() - d.baseServedMw()),
                    null,
                    null,
                    null,
                    base.energyMwh(),
                    base.costUsd(),
                    base.carbonTonnes()));
            for (ConsumerBudget b : d.budgets()) {
                LoadTotals t = grid.ledger().of(b.consumer());
                views.add(new LoadView(
                        b.consumer(),
                        b.demandMw(),
                        b.capMw(),
                        b.servedMw(),
                        b.curtailedMw(),
                        b.drawMw(),
                        b.stale(),
                        grid.consumers().get(b.consumer()).lastReadingAt(),
                        t.energyMwh(),
                        t.costUsd(),
                        t.carbonTonnes()));
            }
            return views;
        });
    }

    @GET
    @Path("/ledger")
    @Operation(
            summary = "Cost and carbon since the start: what the sources generated, booked to each load, held in"
                    + " the batteries; generated + remeasured = loads + held")
    public LedgerView ledger() {
        return twin.read(grid -> {
            CostAndCarbon generated = grid.ledger().generated();
            CostAndCarbon remeasured = grid.ledger().remeasured();
            CostAndCarbon held = grid.storedInBatteries();
            Map<String, LoadTotals> loads = new LinkedHashMap<>(grid.ledger().all());
            double loadsCost =
                    loads.values().stream().mapToDouble(LoadTotals::costUsd).sum();
            double loadsCarbon = loads.values().stream()
                    .mapToDouble(LoadTotals::carbonTonnes)
                    .sum();
            return new LedgerView(
                    grid.lastTickAt().orElse(null),
                    generated,
                    remeasured,
                    loads,
                    held,
                    generated.costUsd() + remeasured.costUsd() - loadsCost - held.costUsd(),
                    generated.carbonTonnes() + remeasured.carbonTonnes() - loadsCarbon - held.carbonTonnes());
        });
    }

    @GET
    @Path("/balance")
    @Operation(summary = "The balance of the latest dispatch: generation = served + battery charge - discharge")
    public BalanceView balance() {
        return atLatestDispatch((grid, d) -> new BalanceView(
                d.at(),
                d.intervalSeconds(),
                d.availableMw(),
                d.generationMw(),
                d.demandMw(),
                d.servedMw(),
                d.batteryChargeMw(),
                d.batteryDischargeMw(),
                d.curtailedMw(),
                d.headroomMw(),
                d.generationMw() - (d.servedMw() + d.batteryChargeMw() - d.batteryDischargeMw()),
                d.costRateUsdPerHour(),
                d.carbonRateTonnesPerHour()));
    }

    @GET
    @Path("/batteries")
    @Operation(summary = "Every battery: stored energy, state of charge within its bounds, charge and discharge")
    public List<BatteryView> batteries() {
        return atLatestDispatch((grid, d) -> {
            List<BatteryView> views = new ArrayList<>(d.batteries().size());
            for (int i = 0; i < d.batteries().size(); i++) {
                BatteryDispatch b = d.batteries().get(i);
                BatterySpec spec = grid.settings().batteries().get(i);
                views.add(new BatteryView(
                        b.id(),
                        spec.energyMwh(),
                        b.energyMwh(),
                        b.stateOfCharge(),
                        spec.socMin(),
                        spec.socMax(),
                        b.chargeMw(),
                        b.dischargeMw(),
                        spec.chargeMw(),
                        spec.dischargeMw(),
                        spec.roundTripEfficiency(),
                        b.breakerOpen()));
            }
            return views;
        });
    }

    @GET
    @Path("/budgets")
    @Operation(summary = "The budgets of the latest dispatch, as published on power.budget")
    public List<BudgetView> budgets() {
        return atLatestDispatch((grid, d) -> d.budgets().stream()
                .map(b -> new BudgetView(b.consumer(), b.capMw(), b.demandMw(), b.curtailed(), d.at(), d.validUntil()))
                .toList());
    }

    @GET
    @Path("/history")
    @Operation(
            summary =
                    "The balance of recent ticks, oldest first: the last `minutes` of simulated time (default: all kept)")
    public List<BalancePoint> history(@QueryParam("minutes") Integer minutes) {
        if (minutes != null && minutes <= 0) {
            throw ModelRejection.invalid("minutes must be > 0, was " + minutes);
        }
        return twin.read(grid -> {
            Instant latest = grid.lastTickAt().orElse(Instant.MIN);
            Instant since = minutes == null || latest.equals(Instant.MIN)
                    ? Instant.MIN
                    : latest.minus(Duration.ofMinutes(minutes));
            return grid.history(since);
        });
    }

    @GET
    @Path("/meters")
    @Operation(
            summary =
                    "Meter readings waiting for their time, recently applied (with the tick that applied them); open breakers")
    public MetersView meters() {
        return twin.read(grid ->
                new MetersView(grid.pendingReadings(), grid.recentReadings(), List.copyOf(grid.openBreakers())));
    }

    @PUT
    @Path("/import-cap")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Changes what the utility connection may import (MW), through power.commands; answered once "
                    + "applied, with the eventId; budgets follow at the next tick")
    public Response setImportCap(
            ImportCapCommand command,
            @HeaderParam(CommandAnswers.IDEMPOTENCY_KEY) String idempotencyKey,
            @Context SecurityContext caller)
            throws InterruptedException {
        if (command == null || command.capMw() == null) {
            throw ModelRejection.invalid("body must be {\"capMw\": <finite number of MW >= 0>}");
        }
        CommandOutcome outcome;
        try {
            outcome = powerCommands.setImportCap(
                    command.capMw(), caller.getUserPrincipal().getName(), commands.eventId(idempotencyKey));
        } catch (IllegalArgumentException invalid) { // the command's record refused the value
            throw ModelRejection.invalid(invalid.getMessage());
        }
        return CommandAnswers.answer(
                outcome,
                Response.Status.OK,
                () -> {
                    Instant now = clock.now();
                    return twin.read(grid -> new ImportCapView(
                            grid.importCapMw(), grid.balanceAt(now).availableMw()));
                },
                mapper);
    }

    /** Runs a view under one lock with the latest dispatch, or before the first tick the one a tick now would issue. */
    private <T> T atLatestDispatch(BiFunction<GridBalance, Dispatch, T> view) {
        Instant now = clock.now();
        return twin.read(grid -> view.apply(grid, grid.lastDispatch().orElseGet(() -> grid.balanceAt(now))));
    }

    /** Sources are listed grid first, then turbines, then solar plants, as configured. */
    private static double limitOf(GridBalance grid, int index) {
        if (index == 0) {
            return grid.importCapMw();
        }
        int turbines = grid.settings().gasTurbines().size();
        return index <= turbines
                ? grid.settings().gasTurbines().get(index - 1).capacityMw()
                : grid.settings().solarPlants().get(index - 1 - turbines).nameplateMw();
    }
}
