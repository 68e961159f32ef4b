package io.terafab.power.domain;

import java.time.Duration;
import java.time.Instant;

/** A solar plant: the model's output from the sun, or a meter's measurement while it is fresh. */
final class SolarPlant {

    private final SolarPlantSpec spec;
    private final int index;
    private MeasuredOutput measured;

    SolarPlant(SolarPlantSpec spec, int index) {
        this.spec = spec;
        this.index = index;
    }

    SolarPlantSpec spec() {
        return spec;
    }

    /** The latest measurement, or null. */
    MeasuredOutput measured() {
        return measured;
    }

    void measure(MeasuredOutput reading) {
        this.measured = reading;
    }

    /** Whether the latest measurement holds at {@code now}: taken at or before it, and no older than {@code validity}. */
    boolean measuredAt(Instant now, Duration validity) {
        return measured != null
                && !now.isBefore(measured.at())
                && now.isBefore(measured.at().plus(validity));
    }

    double availableMw(Instant now, SolarSite site, Duration validity) {
        if (measuredAt(now, validity)) {
            return measured.outputMw();
        }
        return site.modelledOutputMw(index, spec.nameplateMw(), now);
    }

    SourceOffer offer(Instant now, SolarSite site, Duration validity, boolean breakerOpen) {
        double available = breakerOpen ? 0 : availableMw(now, site, validity);
        return new SourceOffer(spec.id(), SourceKind.SOLAR, 0, available, 0, 0, false);
    }
}
