package org.jiesu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.jiesu.dispatch.TimeRules.Rule;
import org.jiesu.dispatch.TimeRules.Unit;
import org.jiesu.units.LimitClass;
import org.junit.jupiter.api.Test;

class TimeRulesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final TimeRules rules = new TimeRules(
            Map.of(
                    "SIGN", new Rule(2, Unit.HOURS),
                    "EMERGENCY", new Rule(2, Unit.HOURS),
                    "UTILITY", new Rule(24, Unit.HOURS),
                    "ORDINARY", new Rule(7, Unit.WORKING_DAYS),
                    "RETURN_WINDOW", new Rule(1, Unit.WORKING_DAYS),
                    "EXTENSION", new Rule(3, Unit.WORKING_DAYS),
                    "MAX_EXTENSIONS", new Rule(3, Unit.TIMES)),
            SHANGHAI);

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    @Test
    void signingIsDueTwoHoursAroundTheClock() {
        assertThat(rules.signBy(at("2026-11-21T23:30"))).isEqualTo(at("2026-11-22T01:30"));
    }

    @Test
    void sevenWorkingDaysFromAMondaySkipOneWeekend() {
        // Monday 23 November 2026 + 7 working days = Wednesday 2 December
        assertThat(rules.replyBy(at("2026-11-23T10:00"), LimitClass.ORDINARY)).isEqualTo(at("2026-12-02T10:00"));
    }

    @Test
    void workingDaysFromASaturdayCountFromMonday() {
        // Saturday 28 November: the first working day is Monday 30th, one working day later Tuesday 1 December 00:00
        assertThat(rules.returnWindowEnds(at("2026-11-28T15:00"))).isEqualTo(at("2026-12-01T00:00"));
    }

    @Test
    void aFridayReturnWindowEndsOnMonday() {
        assertThat(rules.returnWindowEnds(at("2026-11-27T16:00"))).isEqualTo(at("2026-11-30T16:00"));
    }

    @Test
    void utilitiesHaveTwentyFourHoursIncludingWeekends() {
        assertThat(rules.replyBy(at("2026-11-28T09:00"), LimitClass.UTILITY)).isEqualTo(at("2026-11-29T09:00"));
    }

    @Test
    void anExtensionAddsThreeWorkingDaysToTheDeadline() {
        assertThat(rules.extend(at("2026-11-26T12:00"))).isEqualTo(at("2026-12-01T12:00"));
        assertThat(rules.maxExtensions()).isEqualTo(3);
    }
}
