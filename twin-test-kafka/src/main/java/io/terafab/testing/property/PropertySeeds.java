package io.terafab.testing.property;

import java.security.SecureRandom;
import java.util.stream.LongStream;

/**
 * The seeds of the property tests (seeded loops that check invariants after every step). Each test
 * lists its own seeds; the system property {@value #PROPERTY} adds one base to all of them, so a run
 * can explore sequences no run tried before:
 * <ul>
 *   <li>unset or {@code 0}: the seeds as the tests list them (what CI runs);</li>
 *   <li>{@code -Dtwin.seed=<long>}: that base, e.g. to replay a run;</li>
 *   <li>{@code -Dtwin.seed=random}: a base picked for this run.</li>
 * </ul>
 * The base in use is printed once per test JVM; a failure names its seed (base + listed seed), and
 * the same base replays it.
 */
public final class PropertySeeds {

    public static final String PROPERTY = "twin.seed";
    private static final long BASE = announce(Base.parse(System.getProperty(PROPERTY, "")));

    private PropertySeeds() {}

    /** The listed seeds, moved by the base. */
    public static LongStream of(long... seeds) {
        return LongStream.of(seeds).map(seed -> BASE + seed);
    }

    /** The seeds {@code first} to {@code last}, both included, moved by the base. */
    public static LongStream range(long first, long last) {
        return LongStream.rangeClosed(first, last).map(seed -> BASE + seed);
    }

    /** The base in use. */
    public static long base() {
        return BASE;
    }

    /** A seed base, and where it came from. */
    record Base(long value, String origin) {

        static Base parse(String property) {
            String value = property.trim();
            if (value.isEmpty()) {
                return new Base(0, "the seeds the tests list; -D" + PROPERTY + "=<long> or =random runs others");
            }
            if (value.equals("random")) {
                long base = new SecureRandom().nextLong() >>> 24; // positive, and short enough to copy
                return new Base(base, "picked at random: -D" + PROPERTY + "=" + base + " replays this run");
            }
            try {
                return new Base(Long.parseLong(value), "from -D" + PROPERTY);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "-D" + PROPERTY + " takes a whole number or 'random', was '" + property + "'", e);
            }
        }
    }

    private static long announce(Base base) {
        System.out.printf("[%s] property tests run with seed base %d (%s)%n", PROPERTY, base.value(), base.origin());
        return base.value();
    }
}
