package io.terafab.fab.twin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.terafab.contract.CampusDefaults;
import io.terafab.fab.domain.DieYieldModel;
import java.util.List;

/**
 * Fab settings, keys {@code fab.*}. The fab itself (tool groups, routes, powers) is the template
 * {@code terafab-fab.yaml}, each figure documented there; these are the figures an operator
 * changes. Each default says where it comes from, for the README's configuration table.
 */
@ConfigMapping(prefix = "fab")
public interface FabConfig {

    /** The product every lot is started as (an AI accelerator die): the campus default, chip-service's too. */
    @WithDefault(CampusDefaults.PRODUCT)
    String product();

    /** Wafer starts per (mean Gregorian) month: 100,000 is the reported first Terafab target. */
    @WithDefault("100000")
    int waferStartsPerMonth();

    /** Speed bins after wafer sort, best first; chip-service turns bin b of product p into SKU p-b. */
    @WithDefault(CampusDefaults.BINS)
    List<String> bins();

    /** Share of good dies per bin, in the order of {@link #bins()}: a typical top/middle/low bin split of 25/50/25 %. */
    @WithDefault("0.25,0.50,0.25")
    List<Double> binShares();

    /**
     * Die area, mm²: a reticle-size AI accelerator die is ~800 mm² (the EUV reticle limit is
     * 26 × 33 = 858 mm²); it gives 64 die sites on a 300 mm wafer.
     */
    @WithDefault("800")
    double dieAreaMm2();

    /**
     * Killer defect density D0, defects/cm²: 0.06385, so that the Poisson yield e^(−A·D0) of the
     * 8 cm² die is 0.60; mature leading-edge nodes report D0 of 0.05-0.1.
     */
    @WithDefault("0.06385")
    double defectDensityPerCm2();

    /** Die yield model: POISSON (default, the conservative choice for large dies), MURPHY or NEGATIVE_BINOMIAL. */
    @WithDefault("POISSON")
    DieYieldModel yieldModel();

    /** Defect clustering α of the negative binomial model: 3, within the 0.3-5 range of Stapper's studies. */
    @WithDefault("3")
    double clusterAlpha();

    /** Share of lots scrapped when they reach the end of the line (a seeded draw per lot): 1 %. */
    @WithDefault("0.01")
    double lineScrapRate();

    /**
     * Buckets of the per-product cycle-time histogram, days (on top of Micrometer's percentile
     * buckets from 1 to 365 days): around the ≈40-70 days a leading-edge line of several hundred
     * steps takes (SMT2020's published 39 and 68 days), with the short end for hot lots.
     */
    @WithDefault("10,20,30,40,50,60,70,80,90,120,180")
    List<Double> cycleTimeBucketsDays();

    /**
     * Simulated days the fab runs before it goes live, so that its pre-loaded work in process (lots
     * spread along the route, each at the start of its step) has settled into steady-state queues
     * and batches: 30, past the ~3 weeks over which wafer-outs of the pre-loaded line recover from
     * about 85 % of the start rate. Costs about 1 s of CPU at start-up; 0 goes live at once.
     */
    @WithDefault("30")
    int warmUpDays();

    /** The supply forecast ({@code GET /fab/forecast}, topic {@code fab.forecasts}). */
    Forecast forecast();

    /** Replications of the fab run forward from the live state: how many, how far, how often. */
    interface Forecast {

        /** Whether the forecast is refreshed on its schedule (off: none is computed or published). */
        @WithDefault("true")
        boolean enabled();

        /** Replications per forecast: 8 (about 2 s of CPU each for 13 weeks of the default fab). */
        @WithDefault("8")
        int replications();

        /** Weeks ahead: 13, a quarter. */
        @WithDefault("13")
        int weeks();

        /** Wall time between refreshes (the first comes one {@code initial-delay} after start-up). */
        @WithDefault("PT15M")
        java.time.Duration every();

        /** Wall time from start-up to the first forecast. */
        @WithDefault("PT30S")
        java.time.Duration initialDelay();

        /** Threads the replications run on: 1 keeps the forecast to one core, off the state lock. */
        @WithDefault("1")
        int threads();
    }

    /** What-ifs on the fab ({@code POST /fab/what-if}). */
    WhatIf whatIf();

    /** How an operator's what-if runs (one at a time; its bounds are FabWhatIf's). */
    interface WhatIf {

        /** Threads a what-if's replications run on: 2, both cores of the smallest machine, for an answer in seconds. */
        @WithDefault("2")
        int threads();
    }

    /** Seed of every random draw of the fab (fixed so runs are reproducible). */
    @WithDefault("42")
    long seed();
}
