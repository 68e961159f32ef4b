package io.terafab.contract;

import java.time.Instant;
import java.util.Set;

/**
 * A reading of a campus power meter, sent by an integrator. It overrides the grid model for its
 * asset from its time {@code at} on.
 *
 * <p>{@code quantity} says what {@code value} is:
 * <ul>
 *   <li>{@code solar-output}: measured output of a solar plant, MW (at most its nameplate);</li>
 *   <li>{@code grid-import-limit}: what the utility connection may import from now on, MW;</li>
 *   <li>{@code battery-soc}: a battery's measured state of charge, a fraction of its capacity in [0, 1];</li>
 *   <li>{@code breaker}: the asset's breaker, {@code 0} open (tripped: the asset delivers nothing) or
 *       {@code 1} closed (back in service).</li>
 * </ul>
 * The payload checks what holds for any asset; the limits of one asset (a plant's nameplate, a
 * battery's state-of-charge bounds) are checked by power-service, which knows the assets.
 *
 * @param meterId the meter (Kafka key)
 * @param asset the asset it measures: {@code grid}, a gas turbine, a solar plant or a battery
 * @param quantity one of {@link #QUANTITIES}
 * @param value the reading, in the unit of its quantity
 * @param at simulated time of the reading
 */
public record MeterReadingReported(String meterId, String asset, String quantity, double value, Instant at) {

    public static final String SOLAR_OUTPUT = "solar-output";
    public static final String GRID_IMPORT_LIMIT = "grid-import-limit";
    public static final String BATTERY_SOC = "battery-soc";
    public static final String BREAKER = "breaker";
    public static final Set<String> QUANTITIES = Set.of(SOLAR_OUTPUT, GRID_IMPORT_LIMIT, BATTERY_SOC, BREAKER);

    public MeterReadingReported {
        Require.text(meterId, "meterId");
        Require.text(asset, "asset");
        Require.text(quantity, "quantity");
        if (!QUANTITIES.contains(quantity)) {
            throw new InvalidEventException("quantity must be one of solar-output, grid-import-limit, battery-soc, "
                    + "breaker, was " + quantity);
        }
        Require.nonNegative(value, "value");
        if (quantity.equals(BATTERY_SOC) && value > 1) {
            throw new InvalidEventException("value of a battery-soc reading is a fraction in [0, 1], was " + value);
        }
        if (quantity.equals(BREAKER) && value != 0 && value != 1) {
            throw new InvalidEventException("value of a breaker reading is 0 (open) or 1 (closed), was " + value);
        }
        Require.present(at, "at");
    }
}
