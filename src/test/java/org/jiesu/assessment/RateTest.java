package org.jiesu.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.YearMonth;
import java.util.Map;
import org.jiesu.platform.JiesuException;
import org.junit.jupiter.api.Test;

class RateTest {

    @Test
    void responseRateIsOrdersSignedInTimeOverOrdersDue() {
        Rate rate = Rate.response(9, 3);

        assertThat(rate.denominator()).isEqualTo(12);
        assertThat(rate.value()).isCloseTo(0.75, within(1e-9));
        assertThat(rate.percent()).isEqualTo(75.0);
        assertThat(rate.numeratorShown()).isEqualTo("9");
    }

    @Test
    void resolutionRateIsResolvedOverCalledBack() {
        Rate rate = Rate.resolution(2, 1);

        assertThat(rate.value()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(rate.percent()).isEqualTo(66.7);
    }

    @Test
    void basicallySatisfiedCountsAsEightTenthsOfSatisfied() {
        // (6 + 0.8 × 3) ÷ 10 = 0.84
        Rate rate = Rate.satisfaction(6, 3, 1, 0.8);

        assertThat(rate.numerator()).isCloseTo(8.4, within(1e-9));
        assertThat(rate.denominator()).isEqualTo(10);
        assertThat(rate.percent()).isEqualTo(84.0);
        assertThat(rate.numeratorShown()).isEqualTo("8.4");
        assertThat(rate.outcome(Metric.BASICALLY_SATISFIED)).isEqualTo(3);
    }

    @Test
    void theWeightOfBasicallySatisfiedIsData() {
        assertThat(Rate.satisfaction(1, 1, 0, 0.5).percent()).isEqualTo(75.0);
        assertThatThrownBy(() -> Rate.satisfaction(1, 1, 0, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noOrdersIsNoRateRatherThanZero() {
        assertThat(Rate.response(0, 0).value()).isNull();
        assertThat(Rate.satisfaction(0, 0, 0, 0.8).percent()).isNull();
        assertThat(Rate.response(0, 4).percent()).isEqualTo(0.0);
    }

    @Test
    void aRateIsBuiltFromTheOutcomeCountsOfItsOrders() {
        Rate rate = Rate.of(Metric.RESPONSE, Map.of("counted", 4L, "missed", 1L), 0.8);
        Rate unknownOutcomesIgnored = Rate.of(Metric.RESOLUTION, Map.of("counted", 3L), 0.8);

        assertThat(rate.percent()).isEqualTo(80.0);
        assertThat(unknownOutcomesIgnored.percent()).isEqualTo(100.0);
    }

    @Test
    void theCompositeWeighsTheRatesThatExist() {
        Rate response = Rate.response(1, 1); // 50%
        Rate resolution = Rate.resolution(1, 0); // 100%
        Rate satisfaction = Rate.satisfaction(0, 1, 0, 0.8); // 80%

        // 0.10 × 50 + 0.45 × 100 + 0.45 × 80 = 86
        assertThat(Rate.composite(response, resolution, satisfaction, 0.10, 0.45, 0.45))
                .isEqualTo(86.0);
        // without callbacks only the response rate counts
        assertThat(Rate.composite(response, Rate.resolution(0, 0), Rate.satisfaction(0, 0, 0, 0.8), 0.1, 0.45, 0.45))
                .isEqualTo(50.0);
        assertThat(Rate.composite(
                        Rate.response(0, 0), Rate.resolution(0, 0), Rate.satisfaction(0, 0, 0, 0.8), 0.1, 0.45, 0.45))
                .isNull();
    }

    @Test
    void periodsAreWholeMonthsThatDoNotRunBackwards() {
        Period quarter = Period.lastMonths(YearMonth.of(2026, 2), 3);

        assertThat(quarter.from()).isEqualTo(YearMonth.of(2025, 12));
        assertThat(quarter.months()).isEqualTo(3);
        assertThatThrownBy(() -> new Period(YearMonth.of(2026, 5), YearMonth.of(2026, 4)))
                .isInstanceOf(JiesuException.class);
        assertThatThrownBy(() -> new Period(YearMonth.of(2020, 1), YearMonth.of(2026, 4)))
                .isInstanceOf(JiesuException.class);
        assertThat(Period.parseMonth("2026-13")).isEmpty();
        assertThat(Period.parseMonth("11/2026")).isEmpty();
        assertThat(Period.parseMonth(" 2026-11 ")).contains(YearMonth.of(2026, 11));
    }
}
