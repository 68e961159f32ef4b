package io.terafab.campus.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Times one service's restart after a {@code kill -9} on the fault campus (2,000 events/s, 30 s
 * of warm-up): ready again, then every consumer's lag under 1 s, per service named in the
 * arguments. The phases in between are in the service's log (target/SERVICE.log): Quarkus's
 * {@code started in}, StateKeeper's {@code Restored ... in N ms}, SmallRye's {@code SRMSG18225}
 * (partitions assigned). For issue 13's 15 s goal.
 */
public final class RestartProbe {
    public static void main(String[] args) throws Exception {
        int status = 0;
        try (FaultCampus campus = FaultCampus.start(2_000, 1)) {
            Thread.sleep(30_000);
            for (String service : args) {
                Instant wall = Instant.now();
                long t0 = System.nanoTime();
                campus.kill9(service);
                campus.restart(service);
                double ready = (System.nanoTime() - t0) / 1e9;
                Double lag = null;
                while (System.nanoTime() - t0 < 180e9) {
                    if (campus.lag()
                            .behind(Duration.ofSeconds(1), campus.metrics())
                            .isEmpty()) {
                        lag = (System.nanoTime() - t0) / 1e9;
                        break;
                    }
                    Thread.sleep(250);
                }
                System.out.printf(
                        Locale.ROOT, "[probe] %s killed at %s ready %.1f s lag<1s %s s%n", service, wall, ready, lag);
                Thread.sleep(15_000);
            }
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }
}
