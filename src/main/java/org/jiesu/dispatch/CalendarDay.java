package org.jiesu.dispatch;

import java.time.LocalDate;

/** A day that differs from the default week: a public holiday, or a make-up working day (调休) on a weekend. */
public record CalendarDay(LocalDate date, Kind kind, String name) {

    public enum Kind {
        HOLIDAY,
        WORKDAY
    }
}
