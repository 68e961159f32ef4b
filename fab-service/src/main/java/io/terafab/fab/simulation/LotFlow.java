package io.terafab.fab.simulation;

import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.InitialLot;
import io.terafab.fab.definition.LotPriority;
import io.terafab.fab.definition.LotRelease;
import io.terafab.fab.definition.Product;
import io.terafab.fab.definition.RouteStep;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * How lots move through the line of a {@link FabSimulation}, outside the tools: the release
 * streams start them (at a what-if's start rate, see {@link FabSimulation#setStartRateFactor}),
 * the initial WIP is placed at its steps, a lot arriving at a step joins its tool group's queue,
 * and a lot done with a step is reworked, skips sampled steps and moves on after a transport
 * delay, or leaves the line good or scrapped. Starting lots on the tools is the {@link Dispatcher}'s.
 */
final class LotFlow {

    private final FabSimulation simulation;
    private final FabDefinition fab;
    private final FabLayout layout;
    private final ToolTable tools;
    private final IntList[][] queues;
    private final List<Lot> lots;
    private final PowerShedding power;
    private final RandomStream releaseRandom;
    private final RandomStream routingRandom;
    private final RandomStream transportRandom;
    private final double lineScrapShare;
    // lot handles of finished lots, reused for new ones
    final IntList freeLots = new IntList();
    final long[] released; // per release stream, lots released so far
    // per release stream, its rate relative to the definition's (a what-if's setting, not part of the state)
    private final double[] startRateFactors;
    private Consumer<FinishedLot> onFinished = lot -> {};

    LotFlow(
            FabSimulation simulation,
            FabLayout layout,
            ToolTable tools,
            IntList[][] queues,
            List<Lot> lots,
            PowerShedding power,
            RandomStream releaseRandom,
            RandomStream routingRandom,
            RandomStream transportRandom,
            double lineScrapShare) {
        this.simulation = simulation;
        this.fab = simulation.definition();
        this.layout = layout;
        this.tools = tools;
        this.queues = queues;
        this.lots = lots;
        this.power = power;
        this.releaseRandom = releaseRandom;
        this.routingRandom = routingRandom;
        this.transportRandom = transportRandom;
        this.lineScrapShare = lineScrapShare;
        released = new long[fab.releases().size()];
        startRateFactors = new double[fab.releases().size()];
        Arrays.fill(startRateFactors, 1);
    }

    /** Schedules each release stream's first lot (a stream of no lots never releases). */
    void scheduleFirstReleases() {
        for (int r = 0; r < fab.releases().size(); r++) {
            LotRelease release = fab.releases().get(r);
            if (release.count() > 0) {
                simulation.calendar.schedule(release.firstAtSeconds(), FabSimulation.RELEASE, r, 0);
            }
        }
    }

    /** Puts the definition's initial WIP in the line, each lot arriving at its step at the origin. */
    void placeInitialWip() {
        for (InitialLot initial : fab.initialWip()) {
            int lot = newLot(
                    initial.name(),
                    initial.product(),
                    initial.priority(),
                    initial.wafers(),
                    -initial.startedSecondsAgo(),
                    true);
            lots.get(lot).step = initial.step();
            simulation.calendar.schedule(0, FabSimulation.ARRIVE, lot, lots.get(lot).token);
        }
    }

    void onFinished(Consumer<FinishedLot> listener) {
        this.onFinished = listener == null ? lot -> {} : listener;
    }

    void setStartRateFactor(int release, double factor) {
        if (release < 0 || release >= startRateFactors.length) {
            throw new IllegalArgumentException(
                    "no release stream " + release + " in a fab of " + startRateFactors.length);
        }
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("a start rate factor must be finite and >= 0, was " + factor);
        }
        startRateFactors[release] = factor;
    }

    double startRateFactor(int release) {
        return startRateFactors[release];
    }

    void release(int r) {
        LotRelease release = fab.releases().get(r);
        double factor = startRateFactors[r];
        if (factor == 0) { // a stream stopped by a what-if: this start is skipped, the stream keeps its pace
            simulation.calendar.schedule(now() + release.interval().sample(releaseRandom), FabSimulation.RELEASE, r, 0);
            return;
        }
        long number = ++released[r];
        int lot = newLot(
                String.format("%s-%08d", release.name(), number),
                release.product(),
                release.priority(),
                release.wafersPerLot(),
                now(),
                false);
        LotEnergyMeter meter = simulation.meterIfOn();
        if (meter != null) {
            meter.lotStarted(lots.get(lot), now());
        }
        arrive(lot, lots.get(lot).token);
        if (number < release.count()) {
            simulation.calendar.schedule(
                    now() + release.interval().sample(releaseRandom) / factor, FabSimulation.RELEASE, r, 0);
        }
    }

    private int newLot(String name, int product, LotPriority priority, int wafers, double startedAt, boolean initial) {
        Lot lot = new Lot(name, product, priority, wafers, startedAt, initial);
        int handle;
        if (freeLots.isEmpty()) {
            handle = lots.size();
            lots.add(lot);
        } else {
            handle = freeLots.removeAt(freeLots.size() - 1);
            lot.token = lots.get(handle).token + 1;
            lots.set(handle, lot);
        }
        simulation.totals.lotStarted(wafers);
        power.lotStarted(priority.ordinal());
        return handle;
    }

    void arrive(int handle, int token) {
        Lot lot = lots.get(handle);
        if (lot.token != token) {
            return;
        }
        lot.queuedAt = now();
        lot.inQueue = true;
        int group = stepOf(lot).toolGroup();
        int queue = layout.fifo[group] ? 0 : lot.priority.ordinal();
        queues[group][queue].add(handle);
        simulation.dispatch(group);
        if (power.holdsJobs() && lot.priority.ordinal() > 0) {
            power.useHeadroom(); // a held job in its way may now inherit its urgency
        }
    }

    void lotDone(int handle, int token) {
        Lot lot = lots.get(handle);
        if (lot.token != token) {
            return;
        }
        LotEnergyMeter meter = simulation.meterIfOn();
        if (meter != null) {
            meter.settleTool(lot.tool, now()); // the lot's share of the tool's energy, before it leaves it
        }
        tools.lots[lot.tool].removeValue(handle);
        lot.tool = -1;
        Product product = fab.products().get(lot.product);
        RouteStep step = product.route().get(lot.step);
        int next = lot.step + 1;
        if (step.reworkShare() > 0 && routingRandom.nextDouble() < step.reworkShare()) {
            next = step.reworkToStep();
            lot.reworks++;
        }
        List<RouteStep> route = product.route();
        while (next < route.size()
                && route.get(next).samplingShare() < 1
                && routingRandom.nextDouble() >= route.get(next).samplingShare()) {
            next++;
        }
        if (next >= route.size()) {
            finish(handle, lot);
            return;
        }
        lot.step = next;
        simulation.calendar.schedule(
                now() + fab.transport().sample(transportRandom), FabSimulation.ARRIVE, handle, lot.token);
    }

    private void finish(int handle, Lot lot) {
        boolean scrapped = lineScrapShare > 0 && routingRandom.nextDouble() < lineScrapShare;
        simulation.totals.lotFinished(lot.wafers, scrapped);
        LotEnergyMeter meter = simulation.meterIfOn();
        if (meter != null) {
            meter.lotFinished(lot, now());
        }
        boolean lastOfItsClass = power.lotFinished(lot.priority.ordinal());
        lot.token++;
        lot.done = true;
        freeLots.add(handle);
        onFinished.accept(new FinishedLot(
                lot.name,
                fab.products().get(lot.product).name(),
                lot.priority,
                lot.wafers,
                lot.startedAt,
                now(),
                scrapped,
                lot.initial));
        if (lastOfItsClass && lot.priority.ordinal() > 0) {
            power.useHeadroom(); // the reserve kept for its class is free for the less urgent lots
        }
    }

    private RouteStep stepOf(Lot lot) {
        return fab.products().get(lot.product).route().get(lot.step);
    }

    private double now() {
        return simulation.now();
    }
}
