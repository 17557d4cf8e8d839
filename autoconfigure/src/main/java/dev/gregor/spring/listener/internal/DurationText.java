package dev.gregor.spring.listener.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes durations the way Spring Boot properties take them ({@code 5ms}, {@code 60s}, {@code 2m}), not ISO-8601. */
public final class DurationText {

    private static final Pattern ISO = Pattern.compile("-?P(?:\\d+D)?(?:T[-\\d.HMS]+)?");

    private DurationText() {
    }

    /** {@code duration} as {@code 250ms}, {@code 5s}, {@code 1m}, {@code 2h} or {@code 1d}, in the largest exact unit. */
    public static String of(Duration duration) {
        if (duration.toNanosPart() % 1_000_000 != 0) {
            return duration.toNanos() + "ns";
        }
        long millis = duration.toMillis();
        if (millis % 1000 != 0 || millis == 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds % 60 != 0) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes % 60 != 0) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        return hours % 24 != 0 ? hours + "h" : hours / 24 + "d";
    }

    /** {@code text} with every ISO-8601 duration in it ({@code PT1M}) rewritten by {@link #of(Duration)}. */
    public static String rewrite(String text) {
        Matcher matcher = ISO.matcher(text);
        StringBuilder rewritten = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(rewritten, Matcher.quoteReplacement(parsedOrAsIs(matcher.group())));
        }
        matcher.appendTail(rewritten);
        return rewritten.toString();
    }

    private static String parsedOrAsIs(String token) {
        try {
            return of(Duration.parse(token));
        } catch (DateTimeParseException notADuration) {
            return token;
        }
    }
}
