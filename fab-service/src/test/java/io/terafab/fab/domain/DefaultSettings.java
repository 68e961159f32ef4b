package io.terafab.fab.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The service's default figures (see FabConfig), for tests of the plain model. */
final class DefaultSettings {

    static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");

    private DefaultSettings() {
    }

    static FabLineSettings defaults() {
        return withSeed(42);
    }

    static FabLineSettings withSeed(long seed) {
        return new FabLineSettings("TFA-1", List.of("bin1", "bin2", "bin3"), List.of(0.25, 0.50, 0.25), 100_000, 25,
                Duration.ofDays(45), 64, 0.60, 0.01, 250, 0.4, Duration.ofHours(1), seed);
    }

    static FabLine startedLine() {
        FabLine line = new FabLine(defaults());
        line.start(T0);
        return line;
    }
}
