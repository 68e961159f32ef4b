package io.terafab.power.twin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.terafab.power.domain.BatterySpec;
import io.terafab.power.domain.GasTurbineSpec;
import io.terafab.power.domain.GridSettings;
import io.terafab.power.domain.MeritOrder;
import io.terafab.power.domain.PriorityTier;
import io.terafab.power.domain.SolarPlantSpec;
import io.terafab.power.domain.SolarSite;
import io.terafab.power.domain.TimeOfUseTariff;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The campus grid: its assets, loads and policies. Powers in MW, energy in MWh, prices in US$/MWh,
 * carbon in t CO2/MWh, durations in simulated time. The defaults describe a campus of several
 * hundred MW at Austin, Texas (the public Terafab proposal's region); each says where it comes from.
 *
 * <p>Assets are fleets of identical units named by kind and number: {@code grid}, {@code gt-1}..,
 * {@code solar-1}.., {@code bess-1}.. (the ids meter readings name).
 *
 * <p>PUE lives in scheduler-service: {@code dc.power-draw} already reports the data center's
 * facility power (IT load times PUE, {@code scheduler.pue}), which is what the grid supplies, so
 * power-service takes both consumers' readings as metered and applies no PUE of its own.
 */
@ConfigMapping(prefix = "power")
public interface PowerConfig {

    /**
     * What the utility connection may import at start, MW. 400 MW is one large transmission-level
     * interconnect, the order of the campus-scale (hundreds of MW) loads the design brief names.
     */
    @WithDefault("400")
    double gridImportCap();

    /** The utility connection's tariff. */
    GridTariff grid();

    /** Where the campus is. */
    Site site();

    /** On-site gas turbines. */
    GasFleet gas();

    /** On-site solar. */
    SolarFleet solar();

    /** Battery energy storage. */
    BatteryFleet batteries();

    /**
     * Offices, utilities and the central plant, MW, served before any consumer. 20 MW is an
     * estimate, about 5% of a 400 MW campus.
     */
    @WithDefault("20")
    double campusBaseLoad();

    /** The consumers that get budgets on {@code power.budget}; each reports its draw on its own topic. */
    @WithDefault("fab,dc")
    List<String> consumers();

    /**
     * Who gets power first when supply is short, after the base load: {@code consumer:share} tiers,
     * each raising a consumer's allowance to that share of its demand. Default: the fab's critical
     * load first (0.4, fab-service's idle share: cleanrooms, abatement, ultrapure water, which must
     * not stop or wafers are scrapped), then the data center's inference (0.3, about the share of
     * inference jobs in scheduler-service's default workload), then fab production, then training,
     * which can checkpoint and slow down.
     */
    @WithDefault("fab:0.4,dc:0.3,fab:1,dc:1")
    List<String> priorityTiers();

    /** Sources serve demand cheapest first ({@code cost}) or cleanest first ({@code carbon}). */
    @WithDefault("cost")
    MeritOrder meritOrder();

    /**
     * How long a budget holds. Five minutes is the dispatch interval of real-time electricity
     * markets (ERCOT, CAISO).
     */
    @WithDefault("5m")
    Duration budgetValidity();

    /**
     * A consumer silent for longer than this is flagged stale; it keeps its last demand rather than
     * losing power because its telemetry stopped. Fifteen minutes is three dispatch intervals, the
     * settlement interval of ERCOT.
     */
    @WithDefault("15m")
    Duration demandTimeout();

    /**
     * How long a measured solar output stands in for the model: 15 minutes, the settlement interval
     * of ERCOT, after which a silent meter no longer pins the plant's output.
     */
    @WithDefault("15m")
    Duration meterValidity();

    /** How far back {@code GET /grid/history} reaches: a simulated day shows a whole solar and tariff cycle. */
    @WithDefault("24h")
    Duration historyWindow();

    /** The most ticks the history keeps, whatever the clock speed: a day of one-minute ticks (speed 60, 1 s ticks). */
    @WithDefault("1440")
    int historyMaxPoints();

    /** How often the grid's state goes to the compacted {@code power.grid-state} topic: every dispatch interval (5 min). */
    @WithDefault("5m")
    Duration gridStateInterval();

    /** Time-of-use price and carbon intensity of grid energy, by the site's local hour. */
    interface GridTariff {

        /** First local hour of the peak: 16, the 4-9 pm peak window of US time-of-use tariffs (Austin Energy, CAISO). */
        @WithDefault("16")
        int peakStartHour();

        /** Local hour the peak ends: 21. */
        @WithDefault("21")
        int peakEndHour();

        /** Peak energy price: 120 US$/MWh, an industrial peak time-of-use rate in Texas. */
        @WithDefault("120")
        double peakPrice();

        /** Off-peak energy price: 45 US$/MWh, about ERCOT's average wholesale price in recent years. */
        @WithDefault("45")
        double offPeakPrice();

        /** Peak carbon intensity: 0.45 t/MWh, gas peakers on the margin of the ERCOT evening peak. */
        @WithDefault("0.45")
        double peakCarbon();

        /** Off-peak carbon intensity: 0.37 t/MWh, about ERCOT's average (EIA state electricity profile, Texas). */
        @WithDefault("0.37")
        double offPeakCarbon();
    }

    /** The campus site: where the sun is, and which local hour the tariff uses. */
    interface Site {

        /** Degrees north: 30.27, Austin, Texas. */
        @WithDefault("30.27")
        double latitude();

        /** Degrees east: -97.74, Austin, Texas. */
        @WithDefault("-97.74")
        double longitude();

        /** Offset of the site's standard time from UTC: -06:00, US Central (daylight saving is left out). */
        @WithDefault("-06:00")
        ZoneOffset utcOffset();
    }

    /** Identical gas turbines {@code gt-1}..{@code gt-N}. */
    interface GasFleet {

        /** Three units: the 150 MW of on-site generation the campus started with. */
        @WithDefault("3")
        int units();

        /** Capacity per unit, MW: 50, an aeroderivative of the GE LM6000 class. */
        @WithDefault("50")
        double unitCapacity();

        /** Minimum stable load per unit, MW: 20, 40% of capacity, within emissions compliance. */
        @WithDefault("20")
        double minStableLoad();

        /** Ramp rate per unit, MW/min: 10, the conservative end of aeroderivatives (10-50 MW/min). */
        @WithDefault("10")
        double rampRate();

        /**
         * Marginal cost, US$/MWh: 55, simple-cycle heat rate ~10 MMBtu/MWh (EIA) at ~4 US$/MMBtu gas
         * plus variable upkeep; between the off-peak and peak grid price, so by cost it runs at peak.
         */
        @WithDefault("55")
        double cost();

        /** Emissions, t CO2/MWh: 0.53, natural gas's 53 kg CO2/MMBtu (EPA) at 10 MMBtu/MWh. */
        @WithDefault("0.53")
        double carbon();
    }

    /** Identical solar plants {@code solar-1}..{@code solar-N}. */
    interface SolarFleet {

        /** One plant. */
        @WithDefault("1")
        int plants();

        /** Nameplate per plant, MW: 100, a mid-size utility-scale plant in Texas (100-300 MW are common). */
        @WithDefault("100")
        double plantNameplate();

        /**
         * The cloudiest day's share of clear-sky output; each day's factor is uniform in [this, 1].
         * 0.5 gives a mean of 0.75, near Austin's ~60-65% of possible sunshine once clear hours count more.
         */
        @WithDefault("0.5")
        double cloudFactorMin();

        /** Seed of the weather: one seed, one sequence of cloudy and clear days. */
        @WithDefault("2027")
        long seed();
    }

    /** Identical batteries {@code bess-1}..{@code bess-N}. */
    interface BatteryFleet {

        /** One system. */
        @WithDefault("1")
        int units();

        /** Energy per unit, MWh: 200, a four-hour system, the most common utility-scale duration (EIA). */
        @WithDefault("200")
        double energy();

        /** Charge limit per unit, MW: 50 (four hours from empty to full). */
        @WithDefault("50")
        double chargeLimit();

        /** Discharge limit per unit, MW: 50. */
        @WithDefault("50")
        double dischargeLimit();

        /** Round-trip efficiency: 0.85, lithium-ion utility-scale storage (NREL Annual Technology Baseline). */
        @WithDefault("0.85")
        double roundTripEfficiency();

        /** Lowest state of charge it is run to: 0.1, a usual warranty window. */
        @WithDefault("0.1")
        double socMin();

        /** Highest state of charge it is run to: 0.9. */
        @WithDefault("0.9")
        double socMax();

        /** State of charge of a new campus: 0.5, half way. */
        @WithDefault("0.5")
        double initialSoc();
    }

    default GridSettings toSettings() {
        requireCount(gas().units(), "power.gas.units");
        requireCount(solar().plants(), "power.solar.plants");
        requireCount(batteries().units(), "power.batteries.units");
        GridSettings.Builder b = GridSettings.builder(consumers())
                .importCap(gridImportCap())
                .tariff(new TimeOfUseTariff(
                        grid().peakStartHour(),
                        grid().peakEndHour(),
                        grid().peakPrice(),
                        grid().offPeakPrice(),
                        grid().peakCarbon(),
                        grid().offPeakCarbon(),
                        site().utcOffset()))
                .solarSite(
                        new SolarSite(site().latitude(), site().longitude(), solar().cloudFactorMin(), solar().seed()))
                .campusBaseLoad(campusBaseLoad())
                .meritOrder(meritOrder())
                .budgetValidity(budgetValidity())
                .demandTimeout(demandTimeout())
                .meterValidity(meterValidity())
                .history(historyWindow(), historyMaxPoints());
        for (int i = 1; i <= gas().units(); i++) {
            b.gasTurbine(new GasTurbineSpec(
                    "gt-" + i,
                    gas().unitCapacity(),
                    gas().minStableLoad(),
                    gas().rampRate(),
                    gas().cost(),
                    gas().carbon()));
        }
        for (int i = 1; i <= solar().plants(); i++) {
            b.solarPlant(new SolarPlantSpec("solar-" + i, solar().plantNameplate()));
        }
        for (int i = 1; i <= batteries().units(); i++) {
            b.battery(new BatterySpec(
                    "bess-" + i,
                    batteries().energy(),
                    batteries().chargeLimit(),
                    batteries().dischargeLimit(),
                    batteries().roundTripEfficiency(),
                    batteries().socMin(),
                    batteries().socMax(),
                    batteries().initialSoc()));
        }
        List<PriorityTier> tiers = new ArrayList<>();
        priorityTiers().forEach(t -> tiers.add(PriorityTier.parse(t)));
        return b.policy(tiers).build();
    }

    private static void requireCount(int count, String key) {
        if (count < 0) {
            throw new IllegalArgumentException(key + " must be >= 0, was " + count);
        }
    }
}
