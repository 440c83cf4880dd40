package org.jiesu.open311;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes the times of Open311 answers as ISO 8601 with the zone's offset, to the second:
 * {@code 2026-11-24T13:40:07+08:00}. A page of a hundred requests holds three hundred of them, and
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} took a quarter of the list's CPU, so the common case (years 0 to
 * 9999, an offset of whole minutes) is written by hand from the offset in force and the local epoch second, without
 * the date-time objects in between. Anything else goes to the formatter, with the same result.
 */
final class Open311Times {

    /** The local seconds of 0000-01-01T00:00 and of 10000-01-01T00:00: years written with four digits. */
    private static final long FIRST = LocalDate.of(0, 1, 1).toEpochDay() * 86_400L;

    private static final long END = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400L;

    private Open311Times() {}

    static String format(Instant at, ZoneId zone) {
        ZoneOffset offset = zone.getRules().getOffset(at);
        int offsetSeconds = offset.getTotalSeconds();
        long local = at.getEpochSecond() + offsetSeconds;
        if (local < FIRST || local >= END || offsetSeconds % 60 != 0) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    at.atZone(zone).toOffsetDateTime().withNano(0));
        }
        long days = Math.floorDiv(local, 86_400L);
        int seconds = (int) Math.floorMod(local, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(days);
        char[] s = new char[25];
        digits(s, 0, date.getYear(), 4);
        s[4] = '-';
        digits(s, 5, date.getMonthValue(), 2);
        s[7] = '-';
        digits(s, 8, date.getDayOfMonth(), 2);
        s[10] = 'T';
        digits(s, 11, seconds / 3600, 2);
        s[13] = ':';
        digits(s, 14, seconds / 60 % 60, 2);
        s[16] = ':';
        digits(s, 17, seconds % 60, 2);
        if (offsetSeconds == 0) {
            s[19] = 'Z';
            return new String(s, 0, 20);
        }
        int minutes = Math.abs(offsetSeconds) / 60;
        s[19] = offsetSeconds < 0 ? '-' : '+';
        digits(s, 20, minutes / 60, 2);
        s[22] = ':';
        digits(s, 23, minutes % 60, 2);
        return new String(s);
    }

    private static void digits(char[] s, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            s[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
