package org.jiesu.dispatch;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which days are working days: Monday to Friday, unless the calendar names the day a holiday; a weekend day only
 * when the calendar names it a make-up working day. Pure and immutable, so deadline arithmetic is tested without a
 * database and one instance is shared by every dispatch until the calendar changes.
 */
record WorkingCalendar(Map<LocalDate, CalendarDay> special) {

    /** No holidays, no make-up days: weekends only. */
    static final WorkingCalendar WEEKENDS_ONLY = new WorkingCalendar(Map.of());

    WorkingCalendar {
        special = Map.copyOf(special);
    }

    static WorkingCalendar of(Collection<CalendarDay> days) {
        return new WorkingCalendar(days.stream().collect(Collectors.toMap(CalendarDay::date, Function.identity())));
    }

    boolean isWorkingDay(LocalDate date) {
        CalendarDay day = special.get(date);
        if (day != null) {
            return day.kind() == CalendarDay.Kind.WORKDAY;
        }
        return !weekend(date);
    }

    static boolean weekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
