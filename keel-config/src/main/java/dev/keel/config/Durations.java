package dev.keel.config;

import java.time.Duration;
import java.util.Locale;

/** Durations as people write them: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, or ISO-8601 {@code PT10S}. */
public final class Durations {

    private Durations() {
    }

    /**
     * Reads a duration.
     *
     * @throws IllegalArgumentException naming what is accepted, or saying that the duration is too long to
     *     be waited for (past {@link Long#MAX_VALUE} milliseconds, which is what timers take)
     */
    public static Duration parse(String text) {
        Duration d = read(text.trim().toLowerCase(Locale.ROOT));
        if (d == null) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 500ms, 10s, 5m, 2h or PT10S");
        }
        try {
            d.toMillis();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration; the longest is "
                    + Long.MAX_VALUE + "ms");
        }
        return d;
    }

    /** The duration {@code v} (trimmed, lower case) says, or null. */
    private static Duration read(String v) {
        try {
            if (v.startsWith("pt") || v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            if (v.length() > 1) {
                long amount = Long.parseLong(v.substring(0, v.length() - 1).trim());
                switch (v.charAt(v.length() - 1)) {
                    case 's':
                        return Duration.ofSeconds(amount);
                    case 'm':
                        return Duration.ofMinutes(amount);
                    case 'h':
                        return Duration.ofHours(amount);
                    case 'd':
                        return Duration.ofDays(amount);
                    default:
                        break;
                }
            }
        } catch (RuntimeException e) {
            // not a duration
        }
        return null;
    }

    /** The shortest of those forms that says exactly {@code d}, whatever it is. */
    public static String format(Duration d) {
        if (d.getNano() % 1_000_000 != 0 || d.compareTo(Duration.ofMillis(Long.MAX_VALUE)) > 0
                || d.compareTo(Duration.ofMillis(Long.MIN_VALUE)) < 0) {
            return d.toString();  // finer than milliseconds, or more of them than a long holds: ISO-8601
        }
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms != 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms != 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms != 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
