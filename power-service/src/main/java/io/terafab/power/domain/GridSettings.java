package io.terafab.power.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fixed figures of the campus grid. Powers in MW, energy in MWh, durations in simulated time.
 * The service's configuration ({@code PowerConfig}) holds the campus defaults and says where each
 * comes from; {@link #builder} starts from an empty campus, for tests and tools.
 *
 * @param importCapMw what the utility connection may import at start; operators and meters change it
 * @param tariff the grid's time-of-use price and carbon intensity
 * @param gasTurbines on-site gas turbines
 * @param solarPlants on-site solar plants
 * @param solarSite where the sun is, and the weather's seed
 * @param batteries battery energy storage systems, in the order they discharge and charge
 * @param campusBaseLoadMw offices, utilities and the central plant: always served first
 * @param policy the consumers and who gets power first when supply is short
 * @param meritOrder whether sources are ranked by cost or by carbon
 * @param budgetValidity how long a budget holds before the consumer must expect a new one
 * @param demandTimeout after this long without a reading a consumer is flagged stale (it keeps its last demand)
 * @param meterValidity how long a measured solar output stands in for the model before the model takes over again
 * @param historyWindow how far back the recent history reaches
 * @param historyMaxPoints the most ticks the recent history keeps, whatever the window
 */
public record GridSettings(
        double importCapMw,
        TimeOfUseTariff tariff,
        List<GasTurbineSpec> gasTurbines,
        List<SolarPlantSpec> solarPlants,
        SolarSite solarSite,
        List<BatterySpec> batteries,
        double campusBaseLoadMw,
        PriorityPolicy policy,
        MeritOrder meritOrder,
        Duration budgetValidity,
        Duration demandTimeout,
        Duration meterValidity,
        Duration historyWindow,
        int historyMaxPoints) {

    /** The asset id of the utility connection. */
    public static final String GRID = "grid";

    public GridSettings {
        Figures.requireNonNegative(importCapMw, "import cap");
        if (tariff == null || solarSite == null || policy == null || meritOrder == null) {
            throw new IllegalArgumentException("tariff, solar site, priority policy and merit order are required");
        }
        gasTurbines = List.copyOf(gasTurbines);
        solarPlants = List.copyOf(solarPlants);
        batteries = List.copyOf(batteries);
        Figures.requireNonNegative(campusBaseLoadMw, "campus base load");
        if (policy.consumers().isEmpty()) {
            throw new IllegalArgumentException("at least one consumer is needed");
        }
        if (new HashSet<>(policy.consumers()).size() != policy.consumers().size()) {
            throw new IllegalArgumentException("consumers must be unique, were " + policy.consumers());
        }
        policy.consumers().forEach(c -> Figures.requireId(c, "consumer"));
        if (policy.consumers().contains(EnergyLedger.BASE_LOAD)) {
            throw new IllegalArgumentException("'" + EnergyLedger.BASE_LOAD + "' names the base load, not a consumer");
        }
        Set<String> ids = new HashSet<>(Set.of(GRID));
        List<String> all = new ArrayList<>();
        gasTurbines.forEach(g -> all.add(g.id()));
        solarPlants.forEach(s -> all.add(s.id()));
        batteries.forEach(b -> all.add(b.id()));
        for (String id : all) {
            if (!ids.add(id)) {
                throw new IllegalArgumentException(
                        "asset ids must be unique and not '" + GRID + "', " + id + " repeats");
            }
        }
        Figures.requirePositive(budgetValidity, "budget validity");
        Figures.requirePositive(demandTimeout, "demand timeout");
        Figures.requirePositive(meterValidity, "meter validity");
        Figures.requirePositive(historyWindow, "history window");
        if (historyMaxPoints < 1) {
            throw new IllegalArgumentException("history must keep at least one point, was " + historyMaxPoints);
        }
    }

    /** The consumers that get budgets, in the order budgets are listed. */
    public List<String> consumers() {
        return policy.consumers();
    }

    public static Builder builder(List<String> consumers) {
        return new Builder(consumers);
    }

    /** Settings from an empty campus: no import, no assets, a flat free tariff, consumers served in the order given. */
    public static final class Builder {

        private double importCapMw;
        private TimeOfUseTariff tariff = TimeOfUseTariff.flat(0, 0);
        private final List<GasTurbineSpec> gasTurbines = new ArrayList<>();
        private final List<SolarPlantSpec> solarPlants = new ArrayList<>();
        private SolarSite solarSite = new SolarSite(0, 0, 1, 0);
        private final List<BatterySpec> batteries = new ArrayList<>();
        private double campusBaseLoadMw;
        private PriorityPolicy policy;
        private MeritOrder meritOrder = MeritOrder.COST;
        private Duration budgetValidity = Duration.ofMinutes(5);
        private Duration demandTimeout = Duration.ofMinutes(15);
        private Duration meterValidity = Duration.ofMinutes(15);
        private Duration historyWindow = Duration.ofHours(24);
        private int historyMaxPoints = 1440;

        private Builder(List<String> consumers) {
            this.policy = PriorityPolicy.inOrder(consumers);
        }

        public Builder importCap(double mw) {
            this.importCapMw = mw;
            return this;
        }

        public Builder tariff(TimeOfUseTariff tariff) {
            this.tariff = tariff;
            return this;
        }

        public Builder gasTurbine(GasTurbineSpec spec) {
            gasTurbines.add(spec);
            return this;
        }

        public Builder solarPlant(SolarPlantSpec spec) {
            solarPlants.add(spec);
            return this;
        }

        public Builder solarSite(SolarSite site) {
            this.solarSite = site;
            return this;
        }

        public Builder battery(BatterySpec spec) {
            batteries.add(spec);
            return this;
        }

        public Builder campusBaseLoad(double mw) {
            this.campusBaseLoadMw = mw;
            return this;
        }

        public Builder policy(List<PriorityTier> tiers) {
            this.policy = new PriorityPolicy(policy.consumers(), tiers);
            return this;
        }

        public Builder meritOrder(MeritOrder order) {
            this.meritOrder = order;
            return this;
        }

        public Builder budgetValidity(Duration d) {
            this.budgetValidity = d;
            return this;
        }

        public Builder demandTimeout(Duration d) {
            this.demandTimeout = d;
            return this;
        }

        public Builder meterValidity(Duration d) {
            this.meterValidity = d;
            return this;
        }

        public Builder history(Duration window, int maxPoints) {
            this.historyWindow = window;
            this.historyMaxPoints = maxPoints;
            return this;
        }

        public GridSettings build() {
            return new GridSettings(
                    importCapMw,
                    tariff,
                    gasTurbines,
                    solarPlants,
                    solarSite,
                    batteries,
                    campusBaseLoadMw,
                    policy,
                    meritOrder,
                    budgetValidity,
                    demandTimeout,
                    meterValidity,
                    historyWindow,
                    historyMaxPoints);
        }
    }
}
