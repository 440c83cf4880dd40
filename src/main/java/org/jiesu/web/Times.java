package org.jiesu.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Shows instants in the prefecture's local time. Templates call it as {@code @times.format(...)}: the Java 8 time
 * dialect is not on the classpath, and people read deadlines in local time, never in UTC.
 */
@Component("times")
class Times {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final ZoneId zone;

    Times(@Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone) {
        this.zone = zone;
    }

    public String format(@Nullable Instant at) {
        return at == null ? "" : MINUTES.format(at.atZone(zone));
    }

    /** Month, day and time, for tables where the year is plain. */
    public String brief(@Nullable Instant at) {
        return at == null ? "" : SHORT.format(at.atZone(zone));
    }
}
