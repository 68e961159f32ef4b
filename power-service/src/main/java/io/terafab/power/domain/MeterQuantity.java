package io.terafab.power.domain;

import java.util.Arrays;
import java.util.Optional;

/** What a meter reading measures; the code is the one integrators write in the event. */
public enum MeterQuantity {
    /** A solar plant's measured output, MW, at most its nameplate. */
    SOLAR_OUTPUT("solar-output"),
    /** What the utility connection may import from the reading on, MW. */
    GRID_IMPORT_LIMIT("grid-import-limit"),
    /** A battery's measured state of charge, a fraction within its bounds. */
    BATTERY_SOC("battery-soc"),
    /** An asset's breaker: 0 open (the asset delivers and takes nothing), 1 closed. */
    BREAKER("breaker");

    private final String code;

    MeterQuantity(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<MeterQuantity> ofCode(String code) {
        return Arrays.stream(values()).filter(q -> q.code.equals(code)).findFirst();
    }
}
