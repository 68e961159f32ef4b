package io.terafab.platform.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast reader against the JDK's {@code OffsetDateTime.parse}: the same instant, or the same refusal. */
class Rfc3339Test {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-12-05T19:05:17Z",
                "2026-12-05T19:05:17.1Z",
                "2026-12-05T19:05:17.123456789Z",
                "2026-12-05T19:05:17.1234567890Z",
                "2026-12-05T19:05:17.Z",
                "2026-12-05T20:05:17+01:00",
                "2026-12-05T18:05:17.5-01:00",
                "2026-12-05T19:05:17-00:00",
                "2026-12-05T19:05:17+05:45",
                "2026-12-05T19:05:17+17:59",
                "2026-12-05T19:05:17+18:00",
                "2026-12-05T19:05:17-18:00",
                "2026-12-05T19:05:17+18:01",
                "2026-12-05T19:05:17+01:00:30",
                "2026-12-05T19:05:17+0100",
                "2026-12-05T19:05:17+01",
                "2026-12-05T19:05Z",
                "2026-12-05t19:05:17Z",
                "2026-12-05T19:05:17z",
                "2026-12-05 19:05:17Z",
                "2026-12-05T19:05:17",
                "2026-02-29T00:00:00Z",
                "2024-02-29T00:00:00Z",
                "2000-02-29T00:00:00Z",
                "1900-02-29T00:00:00Z",
                "2026-04-31T00:00:00Z",
                "2026-13-01T00:00:00Z",
                "2026-00-01T00:00:00Z",
                "2026-12-00T00:00:00Z",
                "2026-12-31T24:00:00Z",
                "2026-12-31T23:60:00Z",
                "2026-12-31T23:59:60Z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z",
                "+10000-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z",
                "1970-01-01T00:00:00Z",
                "2026-1-05T19:05:17Z",
                "２０２６-12-05T19:05:17Z",
                "",
                "Z",
                "2026-12-05T19:05:17Z ",
                " 2026-12-05T19:05:17Z"
            })
    void agreesWithTheJdkOnChosenCases(String text) {
        assertSameAsJdk(text);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void agreesWithTheJdkOnRandomTimestampsAndTheirMutations(long seed) {
        Random random = new Random(seed);
        int fast = 0;
        for (int n = 0; n < 20_000; n++) {
            String text = randomTimestamp(random);
            if (random.nextInt(4) == 0) {
                text = mutate(random, text);
            }
            String described = assertSameAsJdk(text, seed);
            if (described != null && Rfc3339.fastInstant(text) != null) {
                fast++;
            }
        }
        assertThat(fast).as("timestamps read by the fast path (seed %d)", seed).isGreaterThan(5_000);
    }

    /** The canonical shape with fields that are mostly, not always, in range. */
    private static String randomTimestamp(Random random) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%04d", random.nextInt(10_000)));
        s.append('-')
                .append(String.format("%02d", random.nextInt(10) == 0 ? random.nextInt(100) : 1 + random.nextInt(12)));
        s.append('-')
                .append(String.format("%02d", random.nextInt(10) == 0 ? random.nextInt(100) : 1 + random.nextInt(31)));
        s.append('T').append(String.format("%02d", random.nextInt(10) == 0 ? random.nextInt(100) : random.nextInt(24)));
        s.append(':').append(String.format("%02d", random.nextInt(10) == 0 ? random.nextInt(100) : random.nextInt(60)));
        s.append(':').append(String.format("%02d", random.nextInt(10) == 0 ? random.nextInt(100) : random.nextInt(60)));
        int fraction = random.nextInt(12) - 1;
        if (fraction >= 0) {
            s.append('.');
            for (int i = 0; i < fraction; i++) {
                s.append((char) ('0' + random.nextInt(10)));
            }
        }
        switch (random.nextInt(4)) {
            case 0, 1 -> s.append('Z');
            default ->
                s.append(random.nextBoolean() ? '+' : '-')
                        .append(String.format("%02d", random.nextInt(20)))
                        .append(':')
                        .append(String.format(
                                "%02d", random.nextInt(10) == 0 ? random.nextInt(100) : random.nextInt(60)));
        }
        return s.toString();
    }

    private static String mutate(Random random, String text) {
        StringBuilder s = new StringBuilder(text);
        int at = random.nextInt(s.length());
        String alphabet = "0123456789-+:.TtZz x";
        switch (random.nextInt(3)) {
            case 0 -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            case 1 -> s.deleteCharAt(at);
            default -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static void assertSameAsJdk(String text) {
        assertSameAsJdk(text, 0);
    }

    /** The JDK's instant as text (null when it refuses the text), checked to be the fast reader's. */
    private static String assertSameAsJdk(String text, long seed) {
        String expected;
        try {
            expected = OffsetDateTime.parse(text).toInstant().toString();
        } catch (DateTimeParseException e) {
            expected = null;
        }
        String actual;
        try {
            actual = Rfc3339.parseInstant(text).toString();
        } catch (DateTimeParseException e) {
            actual = null;
        }
        assertThat(actual).as("'%s' (seed %d)", text, seed).isEqualTo(expected);
        Instant fast = Rfc3339.fastInstant(text);
        if (fast != null) {
            assertThat(fast.toString()).as("'%s' (seed %d)", text, seed).isEqualTo(expected);
        }
        return expected;
    }
}
