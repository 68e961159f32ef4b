package io.terafab.sensors.generator;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * How the generator plays: its seed, the mix of everyday records by topic, the share of bad ones,
 * and the rates of the rare state changes in simulated time. Every figure's default and where it
 * comes from is on the {@link Builder}'s field.
 *
 * @param seed one seed, one sequence of records (for the same catalog and simulated times)
 * @param runId part of every event and job id, so two runs never reuse an id (the twin would drop or
 *     refuse the second); deterministic runs pass the same one
 * @param source {@code ce_source}: the integrator's name
 * @param badShare share of records that are bad, in [0, 1]
 * @param mix relative weight of each topic in the everyday stream (and among the bad records)
 * @param badKinds the kinds of bad record drawn from, equally likely
 * @param toolBreakdownMtbf simulated time between reported breakdowns of one tool
 * @param toolPmInterval simulated time between reported maintenances of one tool
 * @param toolPmDuration how long a reported maintenance lasts (±15 %)
 * @param breakerTripsPerYear forced outages (breaker trips) per power asset and simulated year
 * @param breakerRepairMean mean simulated time until a tripped breaker closes again (exponential)
 * @param acceleratorAnnualFailureRate share of installed accelerators failing per simulated year
 * @param jobMeanInterarrival mean simulated time between job submissions (a Poisson stream); zero: none
 */
public record GeneratorSettings(
        long seed,
        String runId,
        String source,
        double badShare,
        Map<SensorTopic, Double> mix,
        Set<BadKind> badKinds,
        Duration toolBreakdownMtbf,
        Duration toolPmInterval,
        Duration toolPmDuration,
        double breakerTripsPerYear,
        Duration breakerRepairMean,
        double acceleratorAnnualFailureRate,
        Duration jobMeanInterarrival) {

    public GeneratorSettings {
        if (runId == null || runId.isBlank() || source == null || source.isBlank()) {
            throw new IllegalArgumentException("a run id and a source are required");
        }
        requireShare(badShare, "bad share");
        mix = Map.copyOf(mix);
        if (mix.values().stream().anyMatch(w -> w == null || !(w >= 0) || Double.isInfinite(w))
                || mix.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new IllegalArgumentException("mix weights must be finite and >= 0 with a positive sum, were " + mix);
        }
        badKinds = badKinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(badKinds));
        if (badShare > 0 && badKinds.isEmpty()) {
            throw new IllegalArgumentException("a bad share above 0 needs at least one bad kind");
        }
        requirePositive(toolBreakdownMtbf, "tool breakdown MTBF");
        requirePositive(toolPmInterval, "tool PM interval");
        requirePositive(toolPmDuration, "tool PM duration");
        requireRate(breakerTripsPerYear, "breaker trips per year");
        requirePositive(breakerRepairMean, "breaker repair mean");
        requireShare(acceleratorAnnualFailureRate, "accelerator annual failure rate");
        if (jobMeanInterarrival == null || jobMeanInterarrival.isNegative()) {
            throw new IllegalArgumentException(
                    "job mean inter-arrival must be >= 0 (0: no jobs), was " + jobMeanInterarrival);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public GeneratorSettings withBadShare(double share) {
        return new GeneratorSettings(
                seed,
                runId,
                source,
                share,
                mix,
                badKinds,
                toolBreakdownMtbf,
                toolPmInterval,
                toolPmDuration,
                breakerTripsPerYear,
                breakerRepairMean,
                acceleratorAnnualFailureRate,
                jobMeanInterarrival);
    }

    public double weight(SensorTopic topic) {
        return mix.getOrDefault(topic, 0.0);
    }

    static void requireShare(double share, String what) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1], was " + share);
        }
    }

    private static void requireRate(double rate, String what) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(what + " must be a finite number >= 0, was " + rate);
        }
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be a positive duration, was " + d);
        }
    }

    /** Settings with their documented defaults. */
    public static final class Builder {

        private long seed = 1;
        private String runId = "run";
        private String source = "sensor-simulator";
        /** None by default: an integrator's traffic is good unless a test or a demo asks for mistakes. */
        private double badShare = 0;
        /**
         * Telemetry dominates, as in a fab: ~900 tools with a few sensors each report far more often
         * than the campus's dozen meters or the accelerators' health monitor. Jobs are not part of the
         * everyday stream by default: they arrive in simulated time ({@link #jobMeanInterarrival}),
         * because a share of a sensor stream would submit hundreds of jobs a simulated hour.
         */
        private final Map<SensorTopic, Double> mix = new EnumMap<>(Map.of(
                SensorTopic.TOOL_TELEMETRY,
                0.90,
                SensorTopic.METER_READINGS,
                0.03,
                SensorTopic.ACCELERATOR_HEALTH,
                0.07,
                SensorTopic.JOBS,
                0.0));

        private Set<BadKind> badKinds = EnumSet.allOf(BadKind.class);
        /**
         * 4,000 h per tool. fab-service already draws its own breakdowns (SMT2020: MTTF one week per
         * tool); these are the MES's reports on top, a twenty-fourth as many, so with the reported
         * PMs below their extra downtime (EUV: 11.8 h of repair and 13 h of PM per 4,000 h, 0.6 %)
         * stays inside the EUV bottleneck's slack (availability 0.864 for a target of 0.84
         * productive in terafab-fab.yaml) and the line does not choke.
         */
        private Duration toolBreakdownMtbf = Duration.ofHours(4000);
        /** 4,000 h per tool, for the same reason: fab-service already runs the monthly PM of SMT2020's pmcal. */
        private Duration toolPmInterval = Duration.ofHours(4000);
        /** 13 h: SMT2020 pmcal's PMs (and terafab-fab.yaml's pmHours) last 12 to 14 hours. */
        private Duration toolPmDuration = Duration.ofHours(13);
        /**
         * 2 per asset-year: a generating unit's forced outages come a few times a year (NERC GADS
         * forced-outage factors of a few percent for gas turbines); batteries and solar inverters trip
         * about as often. The utility connection is not tripped: losing it is an operator's what-if.
         */
        private double breakerTripsPerYear = 2;
        /** 8 h: a forced outage lasts hours to a day before the unit is back. */
        private Duration breakerRepairMean = Duration.ofHours(8);
        /**
         * 9 % a year: Meta's Llama 3 training run saw 148 faulty-GPU and 72 HBM3 interruptions in 54 days
         * on 16,384 H100s ("The Llama 3 Herd of Models", 2024, table 5), 220 × 365 / 54 / 16,384 ≈ 0.09.
         */
        private double acceleratorAnnualFailureRate = 0.09;
        /**
         * 2 h: a quarter of the arrival rate of scheduler-service's own default workload (one job per
         * 30 min keeps ~14,000 accelerators busy), so the cluster sees more work without a queue that
         * grows for ever.
         */
        private Duration jobMeanInterarrival = Duration.ofHours(2);

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder runId(String v) {
            runId = v;
            return this;
        }

        public Builder source(String v) {
            source = v;
            return this;
        }

        public Builder badShare(double v) {
            badShare = v;
            return this;
        }

        public Builder weight(SensorTopic topic, double weight) {
            mix.put(topic, weight);
            return this;
        }

        public Builder badKinds(Set<BadKind> v) {
            badKinds = v;
            return this;
        }

        public Builder toolBreakdownMtbf(Duration v) {
            toolBreakdownMtbf = v;
            return this;
        }

        public Builder toolPmInterval(Duration v) {
            toolPmInterval = v;
            return this;
        }

        public Builder toolPmDuration(Duration v) {
            toolPmDuration = v;
            return this;
        }

        public Builder breakerTripsPerYear(double v) {
            breakerTripsPerYear = v;
            return this;
        }

        public Builder breakerRepairMean(Duration v) {
            breakerRepairMean = v;
            return this;
        }

        public Builder acceleratorAnnualFailureRate(double v) {
            acceleratorAnnualFailureRate = v;
            return this;
        }

        public Builder jobMeanInterarrival(Duration v) {
            jobMeanInterarrival = v;
            return this;
        }

        public GeneratorSettings build() {
            return new GeneratorSettings(
                    seed,
                    runId,
                    source,
                    badShare,
                    mix,
                    badKinds,
                    toolBreakdownMtbf,
                    toolPmInterval,
                    toolPmDuration,
                    breakerTripsPerYear,
                    breakerRepairMean,
                    acceleratorAnnualFailureRate,
                    jobMeanInterarrival);
        }
    }
}
