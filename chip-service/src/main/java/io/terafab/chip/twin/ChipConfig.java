package io.terafab.chip.twin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.terafab.contract.CampusDefaults;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Inventory settings, keys {@code chip.*}. Each default says where its figure comes from, for the
 * README's configuration table. Durations are simulated time.
 */
@ConfigMapping(prefix = "chip")
public interface ChipConfig {

    /** Products the fab makes whose dies become chips: the fab's default product. */
    @WithDefault(CampusDefaults.PRODUCT)
    Set<String> products();

    /** Speed bins of every product, best first: the fab's default bins. SKU = product-bin. */
    @WithDefault(CampusDefaults.BINS)
    List<String> bins();

    /**
     * Share of good dies that survive packaging (die attach onto the interposer/substrate, HBM
     * stacking, underfill, lid): 0.98, an assumption at the level mature flip-chip and 2.5D
     * assembly lines are generally said to reach (ramping CoWoS-class lines run lower).
     */
    @WithDefault("0.98")
    double packagingYield();

    /**
     * Share of packaged chips that pass final test and burn-in: 0.97, an assumption. With the
     * packaging yield it gives 0.95 overall, the foundation's single assembly yield, so 100 good
     * dies still make 95 chips.
     */
    @WithDefault("0.97")
    double finalTestYield();

    /** Accelerators per rack: an NVL72-class rack holds 72 (the campus default, the scheduler's rack size too). */
    @WithDefault(CampusDefaults.RACK_SIZE)
    int rackSize();

    /** Installing reserved chips into racks. */
    Install install();

    /** Reservations of stock for capacity requests. */
    Reservation reservation();

    /** Requests waiting for stock. */
    Backorder backorder();

    /** Lot-by-lot lineage. */
    Lineage lineage();

    /** Operator figures. */
    Metrics metrics();

    /** Accelerator availability per week ahead, from the stock and the fab's forecast. */
    Availability availability();

    interface Availability {

        /**
         * How often the availability is re-published on {@code chips.availability} between
         * forecasts, in simulated time: 1 h, so the stock in it is at most an hour old while the
         * fab's forecast (refreshed every few wall minutes) is the slower input. It is also
         * published whenever a forecast arrives.
         */
        @WithDefault("1h")
        Duration every();
    }

    /** What packaging and final test add to each chip's embodied energy and carbon. */
    Embodied embodied();

    interface Embodied {

        /**
         * CO2e of packaging and final test per chip: 0.15 kg, the per-IC packaging footprint of the
         * ACT carbon model (Gupta et al., "ACT: Designing Sustainable Computer Systems with an
         * Architectural Carbon Modeling Tool", ISCA 2022, which takes it from Boyd's semiconductor
         * life-cycle assessment). A lower bound for an AI accelerator: it counts no HBM stacks and no
         * interposer.
         */
        @WithDefault("0.15")
        double packagingTestKgCo2ePerChip();

        /**
         * Energy of packaging and final test per chip: 0.3 kWh, the carbon figure above at 0.5 kg
         * CO2e per kWh (a fossil-heavy grid mix); an assumption, as ACT gives carbon only.
         */
        @WithDefault("0.3")
        double packagingTestKwhPerChip();
    }

    interface Install {

        /**
         * From reservation until the chips can be in a rack: 12h, an assumption of the order of
         * one shift to pull the trays from the store, seat them, cable and power on a rack that
         * arrives pre-integrated from the rack builder.
         */
        @WithDefault("12h")
        Duration leadTime();

        /**
         * Racks the install crews fill per simulated day: 24, one rack an hour around the clock —
         * an assumption, about twice the pace reported for xAI's Colossus build-out (~100,000 GPUs
         * in 122 days, ~11 racks of 72 a day).
         */
        @WithDefault("24")
        double racksPerDay();
    }

    interface Reservation {

        /**
         * A reservation not installed this long after it was made goes back to stock: 7 days, an
         * assumption (one week of install backlog before the chips are offered to other requests).
         */
        @WithDefault("7d")
        Duration ttl();
    }

    interface Backorder {

        /**
         * A backorder not filled this long after its request arrived is given up: 7 days, an
         * assumption. The scheduler asks again after its own retry interval (24h) when it is
         * still short, so a stale backorder would only double-count its demand.
         */
        @WithDefault("7d")
        Duration ttl();
    }

    interface Lineage {

        /**
         * Lots whose chip batches are tracked one by one: 5,000, about five weeks of the default
         * fab's output (100,000 wafers a month in lots of 25). Older lots are folded into one
         * untracked aggregate per SKU, which bounds memory and the snapshot (a few MB) however long
         * the campus runs; racks keep the lots of the chips they were given either way.
         */
        @WithDefault("5000")
        int lots();

        /**
         * Job runs kept per rack, newest first, for a lot's lineage to reach the jobs on its chips: 8, an
         * assumption (a rack of 72 runs one training gang most of the time, or a few inference jobs).
         * Only ended runs are forgotten: a job running on the rack stays, however many there are.
         */
        @WithDefault("8")
        int jobRunsPerRack();

        /**
         * Racks whose job runs are kept, those run on most recently: 5,000, 360,000 accelerators of 72, the
         * brief's cluster scale (tens to hundreds of thousands); a rack a job runs on now is kept beyond
         * them. With 8 runs each (a run is about 90 bytes of snapshot) the index adds about 3.6 MB to
         * chip-service's snapshot, plus the runs open at the time.
         */
        @WithDefault("5000")
        int jobRacks();
    }

    interface Metrics {

        /** Trailing window of the production and usage rates (and so of days of supply): 7 days. */
        @WithDefault("7d")
        Duration rateWindow();
    }
}
