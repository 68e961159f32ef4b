package io.terafab.platform.envelope;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * RFC 3339 timestamps as every producer of the twin writes them ({@code 2026-12-05T19:05:17.123Z},
 * {@code 2026-12-05T20:05:17+01:00}), read without {@code DateTimeFormatter}: its parse was 12 % of
 * fab-service's ingest samples (bench/README.md, "Where the time goes"). Only that one strict shape is
 * read here; anything else (no seconds, a leap second, a lower-case {@code t}, an offset of 18 hours,
 * a year of more than 4 digits, a date that does not exist) is left to the JDK's parser, so what is
 * accepted and what each input means stay exactly the JDK's.
 */
public final class Rfc3339 {

    private static final int[] DAYS_BEFORE_MONTH = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    private static final int[] NANO_SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private Rfc3339() {}

    /** As {@code OffsetDateTime.parse(text).toInstant()}, and throws the same exceptions. */
    public static Instant parseInstant(String text) {
        Instant fast = fastInstant(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /**
     * The instant of {@code yyyy-MM-ddTHH:mm:ss[.f…](Z|±HH:mm)}, or null when the text has any other
     * shape or names a date or time that does not exist (the caller then asks the JDK).
     */
    public static Instant fastInstant(String s) {
        if (s == null) {
            return null;
        }
        int length = s.length();
        if (length < 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            return null;
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < length && i - start < 10 && isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            int fractionDigits = i - start;
            if (fractionDigits == 0 || fractionDigits > 9) {
                return null;
            }
            nanos *= NANO_SCALE[fractionDigits];
        }
        int offsetSeconds;
        if (i == length - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == length - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int offsetHours = digits(s, i + 1, 2);
            int offsetMinutes = digits(s, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 17 || offsetMinutes < 0 || offsetMinutes > 59) {
                return null;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            return null;
        }
        long epochSecond = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The number of {@code count} decimal digits at {@code from}, or -1 if one of them is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days from 1970-01-01 in the proleptic Gregorian calendar (years 0 to 9999), as {@code LocalDate.toEpochDay}. */
    private static long epochDay(int year, int month, int day) {
        long y = year;
        long days = 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400; // days before year y since year 0
        days += DAYS_BEFORE_MONTH[month - 1] + day - 1;
        if (month > 2 && isLeap(year)) {
            days++;
        }
        return days - 719_528; // days from 0000-01-01 to 1970-01-01
    }
}
