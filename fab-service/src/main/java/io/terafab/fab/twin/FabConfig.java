package io.terafab.fab.twin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * Fab line settings, keys {@code fab.*}. Each default says where its figure comes from, for the
 * README's configuration table.
 */
@ConfigMapping(prefix = "fab")
public interface FabConfig {

    /** The product every lot is started as (an AI accelerator die). */
    @WithDefault("TFA-1")
    String product();

    /** Speed bins after wafer sort, best first; chip-service turns bin b of product p into SKU p-b. */
    @WithDefault("bin1,bin2,bin3")
    List<String> bins();

    /** Share of good dies per bin, in the order of {@link #bins()}: a typical top/middle/low bin split of 25/50/25 %. */
    @WithDefault("0.25,0.50,0.25")
    List<Double> binShares();

    /** Wafer starts per (mean Gregorian) month: 100,000 is the reported first Terafab target. */
    @WithDefault("100000")
    int waferStartsPerMonth();

    /** Wafers per lot: a 300 mm FOUP carries 25. */
    @WithDefault("25")
    int wafersPerLot();

    /**
     * Release-to-wafer-out time at full speed. A leading-edge logic route typically takes ~70-90
     * days (about 1.5-2 days per mask layer); the foundation's thin loop uses 45 days, about half,
     * so that the line turns over quickly in a demo. The full fab model replaces it by its routes.
     */
    @WithDefault("45D")
    Duration cycleTime();

    /**
     * Die sites per 300 mm wafer for a ~800 mm² reticle-size AI die: the usual estimate
     * πr²/A − πd/√(2A) = 88.4 − 23.6 gives about 64.
     */
    @WithDefault("64")
    int grossDiesPerWafer();

    /** Share of die sites good at wafer sort: 0.60, the Poisson yield e^(−D0·A) of an 8 cm² die at D0 ≈ 0.064 defects/cm². */
    @WithDefault("0.60")
    double dieYield();

    /** Share of lots scrapped when they reach the end of the line (a seeded draw per lot): 1 %. */
    @WithDefault("0.01")
    double lineScrapRate();

    /** Power of the line at steady-state work in process, in MW: ~250 MW for a 100k wafers/month leading-edge fab (EUV-heavy). */
    @WithDefault("250")
    double fullPowerMw();

    /** Share of full power drawn with an empty line (cleanroom air, abatement, ultrapure water, chillers): 40 %. */
    @WithDefault("0.4")
    double idlePowerShare();

    /** Longest simulated step: long gaps after a restart are advanced in steps of one simulated hour. */
    @WithDefault("1H")
    Duration maxStep();

    /** Seed of the scrap decisions (fixed so runs are reproducible). */
    @WithDefault("42")
    long seed();
}
