package org.jiesu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jiesu.dispatch.CalendarDay.Kind;
import org.jiesu.dispatch.TimeRules.Rule;
import org.jiesu.dispatch.TimeRules.Unit;
import org.jiesu.units.LimitClass;
import org.junit.jupiter.api.Test;

/** Deadlines against a fixed calendar: the official arrangement around 中秋 and 国庆 2026. */
class WorkingCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static final WorkingCalendar AUTUMN_2026 = WorkingCalendar.of(days());

    private final TimeRules rules = new TimeRules(
            Map.of(
                    "SIGN", new Rule(2, Unit.HOURS),
                    "UTILITY", new Rule(24, Unit.HOURS),
                    "ORDINARY", new Rule(7, Unit.WORKING_DAYS),
                    "RETURN_WINDOW", new Rule(1, Unit.WORKING_DAYS),
                    "WARNING_PERCENT", new Rule(80, Unit.PERCENT)),
            SHANGHAI,
            AUTUMN_2026);

    private static List<CalendarDay> days() {
        List<CalendarDay> days = new ArrayList<>();
        days.add(new CalendarDay(LocalDate.parse("2026-09-20"), Kind.WORKDAY, "国庆节调休"));
        for (int d = 25; d <= 27; d++) {
            days.add(new CalendarDay(LocalDate.of(2026, 9, d), Kind.HOLIDAY, "中秋节"));
        }
        for (int d = 1; d <= 7; d++) {
            days.add(new CalendarDay(LocalDate.of(2026, 10, d), Kind.HOLIDAY, "国庆节"));
        }
        days.add(new CalendarDay(LocalDate.parse("2026-10-10"), Kind.WORKDAY, "国庆节调休"));
        return days;
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    @Test
    void holidaysAreDaysOffAndMakeUpDaysAreWorkingDays() {
        assertThat(AUTUMN_2026.isWorkingDay(LocalDate.parse("2026-10-01"))).isFalse(); // Thursday, 国庆节
        assertThat(AUTUMN_2026.isWorkingDay(LocalDate.parse("2026-10-10"))).isTrue(); // Saturday, 调休
        assertThat(AUTUMN_2026.isWorkingDay(LocalDate.parse("2026-10-11"))).isFalse(); // an ordinary Sunday
        assertThat(AUTUMN_2026.isWorkingDay(LocalDate.parse("2026-10-12"))).isTrue(); // an ordinary Monday
    }

    @Test
    void aDeadlineInWorkingDaysSkipsAWeekend() {
        // Monday 23 November 2026 + 7 working days = Wednesday 2 December
        assertThat(rules.replyBy(at("2026-11-23T10:00"), LimitClass.ORDINARY)).isEqualTo(at("2026-12-02T10:00"));
    }

    @Test
    void aDeadlineInWorkingDaysSkipsTheNationalDayHolidayAndCountsItsMakeUpSaturday() {
        // Tue 29 Sep: 30 Sep (1), 1-7 Oct off, 8 Oct (2), 9 Oct (3), Sat 10 Oct make-up (4), 12 (5), 13 (6), 14 (7)
        assertThat(rules.replyBy(at("2026-09-29T10:00"), LimitClass.ORDINARY)).isEqualTo(at("2026-10-14T10:00"));
    }

    @Test
    void aMakeUpSundayCountsAsAWorkingDay() {
        // Fri 18 Sep: Sun 20 Sep make-up (1), 21-24 (2-5), 25-27 中秋 off, 28 (6), 29 (7)
        assertThat(rules.replyBy(at("2026-09-18T10:00"), LimitClass.ORDINARY)).isEqualTo(at("2026-09-29T10:00"));
    }

    @Test
    void aReturnWindowFromTheFridayBeforeAMakeUpSaturdayEndsOnThatSaturday() {
        assertThat(rules.returnWindowEnds(at("2026-10-09T16:00"))).isEqualTo(at("2026-10-10T16:00"));
    }

    @Test
    void aStartOnAHolidayCountsFromTheNextWorkingDay() {
        // Monday 5 October is a holiday: counting starts Thursday 8 October 00:00, one working day later is the 9th.
        assertThat(rules.returnWindowEnds(at("2026-10-05T11:00"))).isEqualTo(at("2026-10-09T00:00"));
    }

    @Test
    void hourDeadlinesRunAcrossMidnightAndHolidaysAlike() {
        assertThat(rules.signBy(at("2026-09-30T23:30"))).isEqualTo(at("2026-10-01T01:30"));
        assertThat(rules.replyBy(at("2026-09-30T09:00"), LimitClass.UTILITY)).isEqualTo(at("2026-10-01T09:00"));
        assertThat(rules.replyBy(at("2026-10-03T09:00"), LimitClass.UTILITY)).isEqualTo(at("2026-10-04T09:00"));
    }

    @Test
    void theWarningComesWhenEightyPercentOfTheTimeHasPassed() {
        assertThat(rules.warnAt(at("2026-11-23T10:00"), at("2026-11-23T20:00"))).isEqualTo(at("2026-11-23T18:00"));
        Instant dispatched = at("2026-09-29T10:00");
        Instant deadline = rules.replyBy(dispatched, LimitClass.ORDINARY); // 14 Oct 10:00, 15 days of clock time
        assertThat(rules.warnAt(dispatched, deadline)).isEqualTo(at("2026-10-11T10:00"));
    }

    @Test
    void aDeadlineAlreadyPassedWarnsAtTheDeadline() {
        assertThat(rules.warnAt(at("2026-11-23T10:00"), at("2026-11-23T09:00"))).isEqualTo(at("2026-11-23T09:00"));
    }
}
