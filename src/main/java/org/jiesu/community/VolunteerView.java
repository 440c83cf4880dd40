package org.jiesu.community;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.jiesu.units.Unit;

/**
 * What the volunteer templates need beyond the rows: community labels and times in the platform's zone. Its methods
 * are public because templates call only public methods.
 *
 * @param labels each community's or village's name with its street or township, by unit id
 */
record VolunteerView(Map<Long, String> labels, ZoneId zone) {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    public String label(Unit community) {
        return labels.getOrDefault(community.id(), community.name());
    }

    /** The time of day, for cards already grouped by day. */
    public String hhmm(Instant at) {
        return HH_MM.format(at.atZone(zone));
    }

    /** When an activity ends: the time alone on its start's day, else date and time. */
    public String until(Instant start, Instant end) {
        return start.atZone(zone).toLocalDate().equals(end.atZone(zone).toLocalDate())
                ? hhmm(end)
                : DAY_TIME.format(end.atZone(zone));
    }

    /** As a {@code datetime-local} field holds it. */
    public String local(Instant at) {
        return LocalDateTime.ofInstant(at, zone).format(LOCAL);
    }
}
