package io.terafab.power.domain;

/** What a source of the campus grid is; the code is a metric tag and appears in the grid state. */
public enum SourceKind {
    /** The utility connection: flexible between zero and its import limit, priced by time of use. */
    GRID("grid"),
    /** An on-site gas turbine: minimum stable load, ramp limits, fuel cost and emissions. */
    GAS("gas"),
    /** A solar plant: output set by the sun (or a meter), free and clean; what is not needed is spilled. */
    SOLAR("solar");

    private final String code;

    SourceKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
