package io.terafab.campus.faults;

import io.terafab.campus.bench.LatencyHistogram;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code bench/run chaos [MINUTES] [SEED]}: the campus of the fault suite at a fixed rate (2,000
 * events/s) for MINUTES (10), with faults from a seeded schedule: every kind of {@link Fault} in
 * turn, in an order shuffled per round by the seed (1), a seeded pause of 5 to 20 s before each.
 * Each fault is timed until every consumer's lag is under 1 s and audited; the run ends with a
 * last audit and one line:
 * {@code faults=… lost=… duplicated=… max_recovery_s=… p99_ms_during=…}, where lost and duplicated
 * are the last audit's, counted by id from the recorder against the state (every job and lot sent
 * since the start), and {@code p99_ms_during} is the 99th percentile of the ingest latency of
 * every record applied from the start of a fault until its recovery, all faults together.
 * A fault that never recovers (5 minutes) counts as {@code max_recovery_s=never}.
 */
public final class ChaosBench {

    private static final double RATE = 2_000;

    private ChaosBench() {}

    public static void main(String[] args) throws Exception {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        int status = 0;
        try (FaultCampus campus = FaultCampus.start(RATE, seed)) {
            status = run(campus, Duration.ofSeconds((long) (minutes * 60)), new Random(seed)) ? 0 : 1;
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static boolean run(FaultCampus campus, Duration length, Random schedule) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        CampusAudit audit = new CampusAudit();
        List<Fault.Outcome> outcomes = new ArrayList<>();
        List<Fault> round = new ArrayList<>();
        while (true) {
            if (round.isEmpty()) {
                round.addAll(Arrays.asList(Fault.values()));
                Collections.shuffle(round, schedule);
            }
            long pause = 5_000 + schedule.nextInt(15_000);
            if (System.nanoTime() + pause * 1_000_000L >= end) {
                break;
            }
            Thread.sleep(pause);
            Fault fault = round.remove(0);
            System.out.printf(Locale.ROOT, "[chaos] %s%n", fault.description());
            Fault.Outcome outcome = fault.inject(campus, audit);
            System.out.println(outcome.line());
            outcomes.add(outcome);
            if (System.nanoTime() >= end) {
                break;
            }
        }
        CampusAudit.Findings last = audit.audit(campus);
        System.out.printf(
                "[chaos] last audit: %d jobs and %d lots checked by id, %d events accepted by topic %s%s%n",
                last.jobsChecked(),
                last.lotsChecked(),
                campus.recorder().total(),
                campus.recorder().countsByTopic(),
                last.clean() ? "" : ", problems " + last.problems());
        boolean allRecovered = outcomes.stream().allMatch(o -> o.recoverySeconds() != null);
        double maxRecovery = outcomes.stream()
                .filter(o -> o.recoverySeconds() != null)
                .mapToDouble(Fault.Outcome::recoverySeconds)
                .max()
                .orElse(Double.NaN);
        LatencyHistogram during =
                outcomes.stream().map(Fault.Outcome::during).reduce(LatencyHistogram.EMPTY, LatencyHistogram::plus);
        System.out.printf(
                Locale.ROOT,
                "faults=%d lost=%d duplicated=%d max_recovery_s=%s p99_ms_during=%s "
                        + "undelivered=%d dead_letters=%d events_sent=%d%n",
                outcomes.size(),
                last.lost(),
                last.duplicated(),
                allRecovered ? String.format(Locale.ROOT, "%.1f", maxRecovery) : "never",
                Fault.millis(during, 0.99),
                last.undelivered(),
                last.deadLetters(),
                campus.recorder().total());
        return last.clean() && allRecovered;
    }
}
