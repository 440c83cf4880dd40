package org.jiesu.open311;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes the times of Open311 answers as ISO 8601 with the zone's offset, to the second:
 * {@code 2026-11-24T13:40:07+08:00}. A page of a hundred requests holds three hundred of them, and
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} took a quarter of the list's CPU, so the common case (years 0 to
 * 9999, an offset of whole minutes) is written by hand. Anything else goes to the formatter, with the same result.
 */
final class Open311Times {

    private Open311Times() {}

    static String format(Instant at, ZoneId zone) {
        OffsetDateTime t = at.atZone(zone).toOffsetDateTime().withNano(0);
        ZoneOffset offset = t.getOffset();
        int offsetSeconds = offset.getTotalSeconds();
        if (t.getYear() < 0 || t.getYear() > 9999 || offsetSeconds % 60 != 0) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        }
        StringBuilder s = new StringBuilder(25);
        digits(s, t.getYear(), 4).append('-');
        digits(s, t.getMonthValue(), 2).append('-');
        digits(s, t.getDayOfMonth(), 2).append('T');
        digits(s, t.getHour(), 2).append(':');
        digits(s, t.getMinute(), 2).append(':');
        digits(s, t.getSecond(), 2);
        if (offsetSeconds == 0) {
            return s.append('Z').toString();
        }
        int minutes = Math.abs(offsetSeconds) / 60;
        s.append(offsetSeconds < 0 ? '-' : '+');
        digits(s, minutes / 60, 2).append(':');
        return digits(s, minutes % 60, 2).toString();
    }

    private static StringBuilder digits(StringBuilder s, int value, int width) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < width; i++) {
            s.append('0');
        }
        return s.append(text);
    }
}
