package org.jiesu.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jiesu.platform.JiesuException;
import org.junit.jupiter.api.Test;

/** Codes, quarters and thresholds, without Spring. */
class SurveyCodesTest {

    @Test
    void codesAreEightCharactersWithoutLookAlikesAndRarelyRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            String code = SurveyCodes.generate();
            assertThat(code).hasSize(8).doesNotContainPattern("[01258BILOSZ]");
            seen.add(code);
        }
        assertThat(seen).hasSize(5000);
    }

    @Test
    void aTypedCodeIgnoresCaseSpacesAndTheDashButNotOtherCharacters() {
        String code = SurveyCodes.generate();
        String printed = SurveyCodes.printed(code);
        assertThat(printed).hasSize(9).contains("-");
        assertThat(SurveyCodes.normalise(" " + printed.toLowerCase() + " ")).contains(code);
        assertThat(SurveyCodes.normalise("ACDE-FGH0")).isEmpty();
        assertThat(SurveyCodes.normalise("ACDEFGH")).isEmpty();
        assertThat(SurveyCodes.normalise(null)).isEmpty();
        assertThat(SurveyCodes.hash(code)).hasSize(64).isNotEqualTo(SurveyCodes.hash(SurveyCodes.generate()));
    }

    @Test
    void quartersAreWrittenAsYearDashQAndCoverThreeMonths() {
        Quarter q3 = Quarter.parse("2026-q3");
        assertThat(q3.period()).isEqualTo(new Period(YearMonth.of(2026, 7), YearMonth.of(2026, 9)));
        assertThat(q3.previous()).hasToString("2026-Q2");
        assertThat(Quarter.parse("2026-Q1").previous()).hasToString("2025-Q4");
        assertThat(Quarter.of(YearMonth.of(2026, 11))).hasToString("2026-Q4");
        for (String bad : new String[] {"2026-Q5", "2026-3", "Q3-2026", "", "2026-Q3x"}) {
            assertThatThrownBy(() -> Quarter.parse(bad))
                    .as(bad)
                    .isInstanceOf(JiesuException.class)
                    .hasMessageContaining("2026-Q3");
        }
    }

    @Test
    void onlyCountedRatesBelowTheirThresholdAreWeak() {
        Thresholds limits = new Thresholds(95, 80, 85);
        UnitRates rates = new UnitRates(
                1L, Rate.response(90, 10), Rate.resolution(0, 0), Rate.satisfaction(80, 10, 10, 0.8), null);
        var weak = limits.weak(rates);
        assertThat(weak).extracting(Thresholds.Weak::metric).containsExactly(Metric.RESPONSE);
        assertThat(weak.get(0).text()).isEqualTo("响应率 90.0%（低于 95%）");
        assertThat(limits.weak(new UnitRates(
                        2L, Rate.response(19, 1), Rate.resolution(7, 3), Rate.satisfaction(5, 0, 5, 0.8), null)))
                .extracting(Thresholds.Weak::metric)
                .containsExactly(Metric.RESOLUTION, Metric.SATISFACTION);
        assertThat(Map.of("a", new Thresholds(82.5, 0, 0).shown("response"))).containsEntry("a", "82.5");
    }
}
