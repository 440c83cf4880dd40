package org.jiesu.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RankingPeriodTest {

    private static final YearMonth NOW = YearMonth.of(2026, 11);

    @Test
    void aMonthIsThatMonthAlone() {
        RankingPeriod p = RankingPeriod.read("month", "2026-02", NOW);

        assertThat(p.kind()).isEqualTo(RankingPeriod.Kind.MONTH);
        assertThat(p.at()).isEqualTo("2026-02");
        assertThat(p.range()).isEqualTo(new Period(YearMonth.of(2026, 2), YearMonth.of(2026, 2)));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-Q1,2026-01,2026-03",
        "2026-Q2,2026-04,2026-06",
        "2026-q3,2026-07,2026-09",
        "2025-Q4,2025-10,2025-12"
    })
    void aQuarterIsItsThreeMonths(String at, String from, String to) {
        RankingPeriod p = RankingPeriod.read("quarter", at, NOW);

        assertThat(p.range()).isEqualTo(new Period(YearMonth.parse(from), YearMonth.parse(to)));
        assertThat(p.at()).isEqualTo(at.toUpperCase(java.util.Locale.ROOT));
    }

    @Test
    void aYearIsJanuaryThroughDecember() {
        RankingPeriod p = RankingPeriod.read("year", "2025", NOW);

        assertThat(p.range()).isEqualTo(new Period(YearMonth.of(2025, 1), YearMonth.of(2025, 12)));
        assertThat(p.trendMonths()).isEqualTo(p.range());
    }

    @Test
    void nothingGivenIsTheCurrentPeriodOfTheKind() {
        assertThat(RankingPeriod.read(null, null, NOW).at()).isEqualTo("2026-11");
        assertThat(RankingPeriod.read("quarter", "", NOW).at()).isEqualTo("2026-Q4");
        assertThat(RankingPeriod.read("year", " ", NOW).at()).isEqualTo("2026");
    }

    @Test
    void withoutAKindThePeriodSaysItsOwnByItsShape() {
        assertThat(RankingPeriod.read(null, "2026-Q3", NOW).kind()).isEqualTo(RankingPeriod.Kind.QUARTER);
        assertThat(RankingPeriod.read("", "2024", NOW).kind()).isEqualTo(RankingPeriod.Kind.YEAR);
        assertThat(RankingPeriod.read(null, "2026-09", NOW).kind()).isEqualTo(RankingPeriod.Kind.MONTH);
    }

    @Test
    void theTrendOfAMonthOrQuarterIsTheSixMonthsUpToItsLast() {
        assertThat(RankingPeriod.read("quarter", "2026-Q4", NOW).trendMonths())
                .isEqualTo(new Period(YearMonth.of(2026, 7), YearMonth.of(2026, 12)));
        assertThat(RankingPeriod.read("month", "2026-02", NOW).trendMonths())
                .isEqualTo(new Period(YearMonth.of(2025, 9), YearMonth.of(2026, 2)));
    }

    @Test
    void thePreviousPeriodIsTheOneJustBeforeOfTheSameKind() {
        assertThat(RankingPeriod.read("month", "2026-01", NOW).previous().at()).isEqualTo("2025-12");
        assertThat(RankingPeriod.read("quarter", "2026-Q1", NOW).previous().at())
                .isEqualTo("2025-Q4");
        assertThat(RankingPeriod.read("year", "2026", NOW).previous().at()).isEqualTo("2025");
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            value = {
                "month,2026-13,rankings.error.at.month",
                "month,2026-00,rankings.error.at.month",
                "month,2026-1,rankings.error.at.month",
                "month,2026/11,rankings.error.at.month",
                "month,2026-Q4,rankings.error.at.month",
                "month,'2026-11 ; drop',rankings.error.at.month",
                "quarter,2026-Q5,rankings.error.at.quarter",
                "quarter,2026-Q0,rankings.error.at.quarter",
                "quarter,2026-11,rankings.error.at.quarter",
                "quarter,Q4-2026,rankings.error.at.quarter",
                "year,26,rankings.error.at.year",
                "year,2026-Q4,rankings.error.at.year",
                "year,1999,rankings.error.year",
                "month,9999-01,rankings.error.year",
                "week,2026-11,rankings.error.period",
                "MONTH,2026-11,rankings.error.period",
                "NULL,november,rankings.error.at.month"
            })
    void badPeriodsAreRefusedWithTheirOwnMessage(String kind, String at, String key) {
        assertThatThrownBy(() -> RankingPeriod.read(kind, at, NOW))
                .isInstanceOfSatisfying(RankingPeriod.Invalid.class, e -> {
                    assertThat(e.key).isEqualTo(key);
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }
}
