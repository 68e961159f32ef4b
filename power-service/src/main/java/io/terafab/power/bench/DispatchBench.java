package io.terafab.power.bench;

import io.terafab.power.domain.BatterySpec;
import io.terafab.power.domain.GasTurbineSpec;
import io.terafab.power.domain.GridBalance;
import io.terafab.power.domain.GridSettings;
import io.terafab.power.domain.PriorityTier;
import io.terafab.power.domain.SolarPlantSpec;
import io.terafab.power.domain.SolarSite;
import io.terafab.power.domain.TimeOfUseTariff;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/**
 * Dispatch ticks per second of wall time for a campus of 1,000 assets (the grid connection, 600 gas
 * turbines, 300 solar plants, 99 batteries), next to the same loop on the default campus of six
 * assets as the baseline measured in the same run. Each tick follows a new seeded demand of both
 * consumers and settles one simulated minute: offers, budgets, merit-order dispatch, battery
 * energy and accounting. Ends with one line: {@code ticks_per_s=... assets=... baseline_ticks_per_s=...}.
 */
public final class DispatchBench {

    private static final Instant START = Instant.parse("2027-06-01T00:00:00Z");
    private static final List<String> CONSUMERS = List.of("fab", "dc");

    private DispatchBench() {}

    public static void main(String[] args) {
        int ticks = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        GridSettings large = campus(600, 300, 99);
        GridSettings small = campus(3, 1, 1);
        run(large, ticks / 4); // warm-up: let the JIT compile the dispatch
        run(small, ticks);
        double largeRate = run(large, ticks);
        double smallRate = run(small, ticks * 10);
        int assets = assets(large);
        System.out.printf(
                "campus of %d assets: %.0f ticks/s (%.1f us per tick); default campus of %d assets: %.0f ticks/s%n",
                assets, largeRate, 1e6 / largeRate, assets(small), smallRate);
        System.out.printf(
                "ticks_per_s=%.0f assets=%d baseline_ticks_per_s=%.0f baseline_assets=%d%n",
                largeRate, assets, smallRate, assets(small));
    }

    /** Ticks per wall second over {@code ticks} one-minute ticks with seeded demand. */
    private static double run(GridSettings settings, int ticks) {
        GridBalance grid = new GridBalance(settings);
        Random random = new Random(2027);
        double peak = assets(settings) * 1.5; // demand around the campus's size, sometimes short
        Instant now = START;
        long started = System.nanoTime();
        for (int i = 0; i < ticks; i++) {
            now = now.plusSeconds(60);
            grid.recordDraw("fab", random.nextDouble() * peak, 0, now);
            grid.recordDraw("dc", random.nextDouble() * peak, 0, now);
            grid.tick(now);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return ticks / seconds;
    }

    private static int assets(GridSettings settings) {
        return 1
                + settings.gasTurbines().size()
                + settings.solarPlants().size()
                + settings.batteries().size();
    }

    /** A campus at PowerConfig's default figures, with as many units of each kind as asked. */
    private static GridSettings campus(int turbines, int solarPlants, int batteries) {
        GridSettings.Builder b = GridSettings.builder(CONSUMERS)
                .importCap(400)
                .tariff(new TimeOfUseTariff(16, 21, 120, 45, 0.45, 0.37, ZoneOffset.ofHours(-6)))
                .solarSite(new SolarSite(30.27, -97.74, 0.5, 2027))
                .campusBaseLoad(20)
                .policy(List.of(
                        new PriorityTier("fab", 0.4),
                        new PriorityTier("dc", 0.3),
                        new PriorityTier("fab", 1),
                        new PriorityTier("dc", 1)));
        for (int i = 1; i <= turbines; i++) {
            b.gasTurbine(new GasTurbineSpec("gt-" + i, 50, 20, 10, 55, 0.53));
        }
        for (int i = 1; i <= solarPlants; i++) {
            b.solarPlant(new SolarPlantSpec("solar-" + i, 100));
        }
        for (int i = 1; i <= batteries; i++) {
            b.battery(new BatterySpec("bess-" + i, 200, 50, 50, 0.85, 0.1, 0.9, 0.5));
        }
        return b.build();
    }
}
