package io.terafab.sensors.generator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.terafab.contract.MeterReadingReported;
import io.terafab.sensors.generator.Catalog.Battery;
import io.terafab.sensors.generator.Catalog.GasTurbine;
import io.terafab.sensors.generator.Catalog.GridConnection;
import io.terafab.sensors.generator.Catalog.PowerAssets;
import io.terafab.sensors.generator.Catalog.SolarPlant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Meter readings of every power asset, close to what the twin has: the grid's import limit as in
 * force, each battery's state of charge as the twin has it (carried forward at its latest charge or
 * discharge rate), each solar plant's output as the twin's sun gives it, and every breaker closed.
 * Now and then a turbine, plant or battery trips (breaker open) and closes again after a repair time
 * in simulated time.
 *
 * <p>A solar reading stands in for the twin's sun for {@code power.meter-validity} (15 min), during
 * which the twin shows the reading, not its model. So each plant is read at most once per
 * observation of the model's own output (a catalog refresh that saw it unmeasured), and not from an
 * observation older than {@link #SOLAR_OBSERVATION_MAX_AGE}: readings follow the sun rather than
 * their own echo.
 */
final class MeterTraffic extends TopicTraffic {

    /** A meter is named after its asset. */
    static String meterOf(String asset) {
        return "meter-" + asset;
    }

    /** Solar readings vary by 2 % (1 sigma) around the model's output: passing clouds within a settlement interval. */
    static final double SOLAR_NOISE = 0.02;
    /**
     * State of charge varies by 0.2 % of capacity (1 sigma): a BMS reading's jitter, too small to
     * move the model's battery.
     */
    static final double SOC_NOISE = 0.002;
    /**
     * The model's solar output is used for this long after it was seen: the sun moves ~10 % of
     * nameplate in that time at most.
     */
    static final Duration SOLAR_OBSERVATION_MAX_AGE = Duration.ofMinutes(30);
    /** A battery's state of charge is carried forward at most this far: its rate may have changed since. */
    static final Duration SOC_PROJECTION_MAX = Duration.ofHours(1);

    private static final double HOURS_PER_YEAR = 8766;

    private final PoissonArrivals trips = new PoissonArrivals();
    private final PriorityQueue<Closing> closings = new PriorityQueue<>();
    private final Set<String> tripped = new HashSet<>();
    private final Map<String, SolarObservation> solar = new HashMap<>();
    private Set<String> assetIds = Set.of();
    private List<String> closedInCatalog = List.of();
    private long closingSequence;

    /** A reading the contract refuses: a breaker half open, a state of charge above 1, a negative power. */
    private record Refused(String asset, String quantity, double value) {}

    private record Closing(Instant due, long sequence, String asset) implements Comparable<Closing> {
        @Override
        public int compareTo(Closing other) {
            int byTime = due.compareTo(other.due);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    /** The model's output of a plant as last seen unmeasured, and whether a reading was made of it. */
    private static final class SolarObservation {
        final double outputMw;
        final Instant at;
        boolean read;

        SolarObservation(double outputMw, Instant at) {
            this.outputMw = outputMw;
            this.at = at;
        }
    }

    MeterTraffic(GeneratorSettings settings, RandomGenerator random) {
        super(SensorTopic.METER_READINGS, settings, random);
    }

    @Override
    void catalogChanged(Catalog newCatalog, boolean first, Instant now) {
        super.catalogChanged(newCatalog, first, now);
        PowerAssets power = newCatalog.power();
        assetIds = Set.copyOf(power.assetIds());
        closedInCatalog = breakers(power, false);
        for (SolarPlant plant : power.solarPlants()) {
            SolarObservation seen = solar.get(plant.id());
            boolean newObservation = seen == null
                    || power.observedAt() == null
                    || !power.observedAt().equals(seen.at);
            if (!plant.measured() && !plant.breakerOpen() && newObservation) {
                solar.put(plant.id(), new SolarObservation(plant.outputMw(), power.observedAt()));
            }
        }
        if (first) {
            // breakers a previous run tripped and never closed: finish those repairs
            for (String asset : breakers(power, true)) {
                scheduleClosing(asset, now);
            }
        }
    }

    @Override
    boolean hasEntities() {
        return !assetIds.isEmpty();
    }

    @Override
    Event everyday(Instant now) {
        List<String> assets = catalog.power().assetIds();
        for (int attempt = 0; attempt < 8 && !assets.isEmpty(); attempt++) {
            List<MeterReadingReported> options = readingsOf(pick(assets), now);
            if (!options.isEmpty()) {
                MeterReadingReported reading = pick(options);
                if (MeterReadingReported.SOLAR_OUTPUT.equals(reading.quantity())) {
                    solar.get(reading.asset()).read = true;
                }
                return event(reading);
            }
        }
        return null;
    }

    /** What the meter of {@code asset} may report now. */
    private List<MeterReadingReported> readingsOf(String asset, Instant now) {
        PowerAssets power = catalog.power();
        List<MeterReadingReported> options = new ArrayList<>(2);
        boolean breakerOpen = false;
        if (GridConnection.ID.equals(asset)) {
            options.add(reading(
                    asset, MeterReadingReported.GRID_IMPORT_LIMIT, power.grid().importCapMw(), now));
            breakerOpen = power.grid().breakerOpen();
        }
        for (GasTurbine turbine : power.gasTurbines()) {
            if (turbine.id().equals(asset)) {
                breakerOpen = turbine.breakerOpen();
            }
        }
        for (SolarPlant plant : power.solarPlants()) {
            if (plant.id().equals(asset)) {
                breakerOpen = plant.breakerOpen();
                SolarObservation seen = solar.get(asset);
                if (seen != null
                        && !seen.read
                        && (seen.at == null
                                || Duration.between(seen.at, now).compareTo(SOLAR_OBSERVATION_MAX_AGE) <= 0)) {
                    double noise = 1 + SOLAR_NOISE * clamp(random.nextGaussian(), -3, 3);
                    double output = clamp(seen.outputMw * noise, 0, plant.nameplateMw());
                    options.add(reading(asset, MeterReadingReported.SOLAR_OUTPUT, output, now));
                }
            }
        }
        for (Battery battery : power.batteries()) {
            if (battery.id().equals(asset)) {
                breakerOpen = battery.breakerOpen();
                options.add(reading(asset, MeterReadingReported.BATTERY_SOC, stateOfCharge(battery, now), now));
            }
        }
        if (!breakerOpen && !tripped.contains(asset)) {
            options.add(reading(asset, MeterReadingReported.BREAKER, 1, now));
        }
        return options;
    }

    /**
     * The twin's state of charge carried forward from when it was seen at its latest rate, with a
     * reading's jitter, within the battery's bounds.
     */
    private double stateOfCharge(Battery battery, Instant now) {
        Instant seen = catalog.power().observedAt();
        double hours = 0;
        if (seen != null && now.isAfter(seen)) {
            Duration elapsed = Duration.between(seen, now);
            hours = PoissonArrivals.hoursOf(elapsed.compareTo(SOC_PROJECTION_MAX) < 0 ? elapsed : SOC_PROJECTION_MAX);
        }
        double efficiency = Math.sqrt(battery.roundTripEfficiency());
        double netMw = battery.chargeMw() * efficiency - battery.dischargeMw() / efficiency;
        double projected = battery.stateOfCharge() + netMw * hours / battery.capacityMwh();
        double jittered = projected + SOC_NOISE * clamp(random.nextGaussian(), -3, 3);
        return clamp(jittered, battery.socMin(), battery.socMax());
    }

    @Override
    void collectDue(Instant now, Consumer<Event> out) {
        while (!closings.isEmpty() && !closings.peek().due().isAfter(now)) {
            String asset = closings.poll().asset();
            tripped.remove(asset);
            out.accept(event(reading(asset, MeterReadingReported.BREAKER, 1, now)));
        }
        // the rate counts the assets closed in the twin; those this simulator already tripped are skipped when drawn
        double perHour = closedInCatalog.size() * settings.breakerTripsPerYear() / HOURS_PER_YEAR;
        while (trips.due(now, perHour, random)) {
            List<String> inService = new ArrayList<>(closedInCatalog);
            inService.removeAll(tripped);
            if (!inService.isEmpty()) {
                String asset = pick(inService);
                out.accept(event(reading(asset, MeterReadingReported.BREAKER, 0, now)));
                scheduleClosing(asset, now);
            }
        }
    }

    /** Turbines, plants and batteries with their breaker open ({@code open}) or closed in the twin. */
    private static List<String> breakers(PowerAssets power, boolean open) {
        List<String> assets = new ArrayList<>();
        power.gasTurbines().stream().filter(t -> t.breakerOpen() == open).forEach(t -> assets.add(t.id()));
        power.solarPlants().stream().filter(p -> p.breakerOpen() == open).forEach(p -> assets.add(p.id()));
        power.batteries().stream().filter(b -> b.breakerOpen() == open).forEach(b -> assets.add(b.id()));
        return assets;
    }

    private void scheduleClosing(String asset, Instant now) {
        tripped.add(asset);
        Duration repair = PoissonArrivals.exponential(PoissonArrivals.hoursOf(settings.breakerRepairMean()), random);
        closings.add(new Closing(now.plus(repair), closingSequence++, asset));
    }

    @Override
    Event unknownEntity(Instant now) {
        PowerAssets power = catalog.power();
        String[] kinds = {"gt-", "solar-", "bess-"};
        int[] counts = {
            power.gasTurbines().size(),
            power.solarPlants().size(),
            power.batteries().size()
        };
        int kind = random.nextInt(kinds.length);
        String asset;
        do {
            asset = kinds[kind] + (counts[kind] + 1 + random.nextInt(9));
        } while (assetIds.contains(asset));
        MeterReadingReported reading = switch (kind) {
            case 0 -> reading(asset, MeterReadingReported.BREAKER, 1, now);
            case 1 -> reading(asset, MeterReadingReported.SOLAR_OUTPUT, 10, now);
            default -> reading(asset, MeterReadingReported.BATTERY_SOC, 0.5, now);
        };
        return event(reading);
    }

    @Override
    Event outOfRange(Instant now) {
        if (!hasEntities()) {
            return null;
        }
        PowerAssets power = catalog.power();
        List<Refused> options = new ArrayList<>();
        options.add(new Refused(pick(power.assetIds()), MeterReadingReported.BREAKER, 0.5));
        if (!power.batteries().isEmpty()) {
            options.add(new Refused(
                    pick(power.batteries()).id(), MeterReadingReported.BATTERY_SOC, 1.01 + random.nextDouble()));
        }
        if (!power.solarPlants().isEmpty()) {
            options.add(new Refused(
                    pick(power.solarPlants()).id(), MeterReadingReported.SOLAR_OUTPUT, -1 - 50 * random.nextDouble()));
        }
        if (power.grid() != null) {
            options.add(new Refused(
                    GridConnection.ID, MeterReadingReported.GRID_IMPORT_LIMIT, -1 - 100 * random.nextDouble()));
        }
        Refused chosen = pick(options);
        String asset = chosen.asset();
        ObjectNode json = Payloads.JSON.createObjectNode();
        json.put("meterId", meterOf(asset));
        json.put("asset", asset);
        json.put("quantity", chosen.quantity());
        json.put("value", chosen.value());
        json.put("at", now.toString());
        return new Event(topic, meterOf(asset), topic.eventType(), now, Payloads.bytes(json));
    }

    @Override
    Event wrongTypes(Instant now) {
        return spoiledEveryday(now, json -> {
            if (random.nextBoolean()) {
                json.put("value", "high");
            } else {
                json.put("at", true);
            }
        });
    }

    @Override
    String timeField() {
        return "at";
    }

    private static MeterReadingReported reading(String asset, String quantity, double value, Instant now) {
        return new MeterReadingReported(meterOf(asset), asset, quantity, value, now);
    }

    private Event event(MeterReadingReported reading) {
        return new Event(topic, reading.meterId(), topic.eventType(), reading.at(), Payloads.bytes(reading));
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
