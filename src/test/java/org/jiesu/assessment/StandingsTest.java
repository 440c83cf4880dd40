package org.jiesu.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jiesu.platform.InputProblem;
import org.jiesu.units.UnitKind;
import org.junit.jupiter.api.Test;

/** The arithmetic of results without Spring: totals, stars, quotas, the tie rule and the checks of a scheme. */
class StandingsTest {

    private static final AssessmentScheme.Criterion A = new AssessmentScheme.Criterion(1L, "A", "", 30);
    private static final AssessmentScheme.Criterion B = new AssessmentScheme.Criterion(2L, "B", "", 70);

    private static AssessmentScheme scheme(int ratesWeight, Distribution d) {
        return new AssessmentScheme(
                1L,
                "test",
                UnitKind.COMMUNITY,
                null,
                ratesWeight,
                100 - ratesWeight,
                Bands.DEFAULT,
                d,
                List.of(A, B),
                null,
                null);
    }

    private static Standings.UnitInput unit(long id, Double composite, String a, String b) {
        return new Standings.UnitInput(
                id,
                "C" + (100 + id),
                "unit " + id,
                composite,
                90.0,
                80.0,
                70.0,
                Map.of(1L, new BigDecimal(a), 2L, new BigDecimal(b)));
    }

    private static Standings.UnitInput unit(
            long id, String total, double satisfaction, double resolution, double response) {
        // With the rates weighing 0 the total is the criteria subtotal: both scores equal make it exactly that.
        return new Standings.UnitInput(
                id,
                "C" + (100 + id),
                "unit " + id,
                null,
                satisfaction,
                resolution,
                response,
                Map.of(1L, new BigDecimal(total), 2L, new BigDecimal(total)));
    }

    @Test
    void theTotalWeighsTheCompositeAgainstTheCriteriaSubtotal() {
        // subtotal = (30 × 80 + 70 × 90) / 100 = 87; total = (40 × 75.5 + 60 × 87) / 100 = 82.4
        BigDecimal subtotal =
                Standings.subtotal(List.of(A, B), Map.of(1L, new BigDecimal("80"), 2L, new BigDecimal("90")));
        assertThat(subtotal).isEqualByComparingTo("87");
        assertThat(Standings.total(40, 60, 75.5, subtotal)).isEqualByComparingTo("82.40");
        // 33 × 66.7 + 67 × 71.3 = 2201.1 + 4777.1 = 6978.2 → 69.782 → 69.78
        assertThat(Standings.total(33, 67, 66.7, new BigDecimal("71.3"))).isEqualByComparingTo("69.78");
    }

    @Test
    void aMissingPartLeavesNoTotalUnlessItsWeightIsZero() {
        assertThat(Standings.subtotal(List.of(A, B), Map.of(1L, BigDecimal.TEN)))
                .isNull();
        assertThat(Standings.total(40, 60, null, BigDecimal.TEN)).isNull();
        assertThat(Standings.total(40, 60, 90.0, null)).isNull();
        assertThat(Standings.total(0, 100, null, new BigDecimal("77.5"))).isEqualByComparingTo("77.5");
        assertThat(Standings.total(100, 0, 91.2, null)).isEqualByComparingTo("91.2");
    }

    @Test
    void unitsMissingAScoreOrTheRatesAreListedLastWithoutStarsOrGrade() {
        Standings.Result r = Standings.rank(
                scheme(40, Distribution.DEFAULT),
                List.of(
                        unit(1, 90.0, "80", "80"),
                        unit(2, null, "80", "80"),
                        new Standings.UnitInput(3, "C103", "unit 3", 95.0, 1.0, 1.0, 1.0, Map.of(1L, BigDecimal.TEN))));
        assertThat(r.ranked()).isEqualTo(1);
        assertThat(r.rows().get(0).unit().unitId()).isEqualTo(1);
        Standings.Standing noRates = r.rows().get(1);
        Standings.Standing halfScored = r.rows().get(2);
        assertThat(noRates.ratesMissing()).isTrue();
        assertThat(noRates.total()).isNull();
        assertThat(noRates.grade()).isNull();
        assertThat(noRates.stars()).isZero();
        assertThat(halfScored.criteriaMissing()).isTrue();
        assertThat(halfScored.scored()).isEqualTo(1);
        assertThat(halfScored.rank()).isZero();
        assertThat(r.quotas()).isEqualTo(new Distribution.Quotas(0, 1, 0));
    }

    @Test
    void starsChangeExactlyAtTheBandMinimums() {
        Bands b = new Bands(new BigDecimal("60"), new BigDecimal("70"), new BigDecimal("80.5"), new BigDecimal("90"));
        assertThat(b.stars(new BigDecimal("0"))).isEqualTo(1);
        assertThat(b.stars(new BigDecimal("59.99"))).isEqualTo(1);
        assertThat(b.stars(new BigDecimal("60"))).isEqualTo(2);
        assertThat(b.stars(new BigDecimal("69.99"))).isEqualTo(2);
        assertThat(b.stars(new BigDecimal("70.00"))).isEqualTo(3);
        assertThat(b.stars(new BigDecimal("80.49"))).isEqualTo(3);
        assertThat(b.stars(new BigDecimal("80.5"))).isEqualTo(4);
        assertThat(b.stars(new BigDecimal("90"))).isEqualTo(5);
        assertThat(b.stars(new BigDecimal("100"))).isEqualTo(5);
    }

    @Test
    void quotasRoundHalfDownAndGoodTakesTheRest() {
        Distribution d = Distribution.DEFAULT;
        assertThat(d.quotas(0)).isEqualTo(new Distribution.Quotas(0, 0, 0));
        assertThat(d.quotas(1)).isEqualTo(new Distribution.Quotas(0, 1, 0));
        assertThat(d.quotas(3)).isEqualTo(new Distribution.Quotas(1, 2, 0));
        assertThat(d.quotas(10)).isEqualTo(new Distribution.Quotas(3, 6, 1));
        assertThat(d.quotas(11)).isEqualTo(new Distribution.Quotas(3, 7, 1));
        // 5 × 30% = 1.5 → 1 and 5 × 10% = 0.5 → 0: a half goes down.
        assertThat(d.quotas(5)).isEqualTo(new Distribution.Quotas(1, 4, 0));
        // 6 × 10% = 0.6 → 1: more than a half goes up.
        assertThat(d.quotas(6).poor()).isEqualTo(1);
        // Both rounding up may not take more units than there are.
        Distribution even = new Distribution(60, 0, 40);
        assertThat(even.quotas(1)).isEqualTo(new Distribution.Quotas(1, 0, 0));
    }

    @Test
    void gradesFollowTheQuotasOnTenUnitsWithDistinctTotals() {
        List<Standings.UnitInput> units = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            units.add(unit(i, String.valueOf(50 + i), 90, 80, 70));
        }
        Standings.Result r = Standings.rank(scheme(0, Distribution.DEFAULT), units);
        assertThat(r.rows())
                .extracting(s -> s.unit().unitId())
                .containsExactly(10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(r.rows())
                .extracting(Standings.Standing::grade)
                .containsExactly(
                        Grade.EXCELLENT,
                        Grade.EXCELLENT,
                        Grade.EXCELLENT,
                        Grade.GOOD,
                        Grade.GOOD,
                        Grade.GOOD,
                        Grade.GOOD,
                        Grade.GOOD,
                        Grade.GOOD,
                        Grade.POOR);
        assertThat(r.rows()).extracting(Standings.Standing::rank).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(r.overQuota(Grade.EXCELLENT)).isFalse();
    }

    @Test
    void equalTotalsAreOrderedBySatisfactionThenResolutionThenResponse() {
        List<Standings.UnitInput> units = List.of(
                unit(1, "80", 90, 80, 70),
                unit(2, "80", 95, 50, 50),
                unit(3, "80", 90, 85, 10),
                unit(4, "80", 90, 80, 75));
        Standings.Result r = Standings.rank(scheme(0, Distribution.DEFAULT), units);
        assertThat(r.rows()).extracting(s -> s.unit().unitId()).containsExactly(2L, 3L, 4L, 1L);
        assertThat(r.rows()).extracting(Standings.Standing::rank).containsExactly(1, 2, 3, 4);
    }

    @Test
    void unitsExactlyEqualAcrossTheExcellentBoundaryShareExcellentAndExceedTheQuota() {
        // Ten units, quota 3 excellent: the 3rd and 4th are equal on every key.
        List<Standings.UnitInput> units = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            units.add(unit(i, String.valueOf(50 + i), 90, 80, 70));
        }
        units.set(6, unit(7, "58", 90, 80, 70)); // now equal to unit 8, which is third
        Standings.Result r = Standings.rank(scheme(0, Distribution.DEFAULT), units);
        assertThat(r.rows().subList(0, 4)).extracting(s -> s.unit().unitId()).containsExactly(10L, 9L, 7L, 8L);
        assertThat(r.rows().subList(0, 5))
                .extracting(Standings.Standing::grade)
                .containsExactly(Grade.EXCELLENT, Grade.EXCELLENT, Grade.EXCELLENT, Grade.EXCELLENT, Grade.GOOD);
        assertThat(r.rows().subList(0, 5)).extracting(Standings.Standing::rank).containsExactly(1, 2, 3, 3, 5);
        assertThat(r.counts())
                .containsEntry(Grade.EXCELLENT, 4)
                .containsEntry(Grade.GOOD, 5)
                .containsEntry(Grade.POOR, 1);
        assertThat(r.overQuota(Grade.EXCELLENT)).isTrue();
        assertThat(r.overQuota(Grade.GOOD)).isFalse();
    }

    @Test
    void unitsExactlyEqualAcrossThePoorBoundaryShareGood() {
        // Eleven units, quota 1 poor: the last two are equal on every key, so neither is poor.
        List<Standings.UnitInput> units = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            units.add(unit(i, String.valueOf(50 + i), 90, 80, 70));
        }
        units.set(0, unit(1, "52", 90, 80, 70));
        Standings.Result r = Standings.rank(scheme(0, Distribution.DEFAULT), units);
        List<Standings.Standing> last = r.rows().subList(9, 11);
        assertThat(last).extracting(Standings.Standing::grade).containsExactly(Grade.GOOD, Grade.GOOD);
        assertThat(last).extracting(Standings.Standing::rank).containsExactly(10, 10);
        assertThat(r.counts())
                .containsEntry(Grade.EXCELLENT, 3)
                .containsEntry(Grade.GOOD, 8)
                .doesNotContainKey(Grade.POOR);
        assertThat(r.overQuota(Grade.GOOD)).isTrue();

        // Equal totals but a lower satisfaction rate is no tie: the quota holds.
        units.set(0, unit(1, "52", 89.9, 80, 70));
        Standings.Result split = Standings.rank(scheme(0, Distribution.DEFAULT), units);
        assertThat(split.rows().get(10).unit().unitId()).isEqualTo(1);
        assertThat(split.rows().get(10).grade()).isEqualTo(Grade.POOR);
    }

    @Test
    void oneAndThreeUnitsGetTheirRoundedQuotas() {
        Standings.Result one = Standings.rank(scheme(0, Distribution.DEFAULT), List.of(unit(1, "99", 90, 80, 70)));
        assertThat(one.rows()).extracting(Standings.Standing::grade).containsExactly(Grade.GOOD);
        Standings.Result three = Standings.rank(
                scheme(0, Distribution.DEFAULT),
                List.of(unit(1, "70", 90, 80, 70), unit(2, "80", 90, 80, 70), unit(3, "60", 90, 80, 70)));
        assertThat(three.rows())
                .extracting(Standings.Standing::grade)
                .containsExactly(Grade.EXCELLENT, Grade.GOOD, Grade.GOOD);
        assertThat(three.rows()).extracting(Standings.Standing::stars).containsExactly(4, 3, 2);
    }

    @Test
    void allUnitsEqualShareTheBestGrade() {
        List<Standings.UnitInput> units = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            units.add(unit(i, "75", 90, 80, 70));
        }
        Standings.Result r = Standings.rank(scheme(0, Distribution.DEFAULT), units);
        assertThat(r.rows()).allSatisfy(s -> {
            assertThat(s.grade()).isEqualTo(Grade.EXCELLENT);
            assertThat(s.rank()).isEqualTo(1);
        });
    }

    private static SchemeDraft draft(
            String wr, String wc, List<String> bands, String e, String g, String p, String... weights) {
        List<SchemeDraft.Row> rows = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            rows.add(new SchemeDraft.Row("", "标准" + i, "", weights[i]));
        }
        return new SchemeDraft("五个好", "COMMUNITY", "", wr, wc, bands, e, g, p, rows);
    }

    private static final List<String> BANDS = List.of("60", "70", "80", "90");

    @Test
    void aWellFormedDraftBecomesAScheme() {
        SchemeDraft.Checked ok = draft("40", "60", BANDS, "30", "60", "10", "20", "20", "20", "20", "20")
                .check();
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.scheme().criteriaWeightSum()).isEqualTo(100);
        assertThat(ok.scheme().bands().two()).isEqualByComparingTo("60");
    }

    @Test
    void criteriaWeightsMustSumToExactly100() {
        assertThat(keys(draft("40", "60", BANDS, "30", "60", "10", "20", "20", "20", "20", "19")))
                .containsExactly("scheme.error.criteriaSum");
        assertThat(keys(draft("40", "60", BANDS, "30", "60", "10", "50", "51")))
                .containsExactly("scheme.error.criteriaSum");
        assertThat(keys(draft("40", "60", BANDS, "30", "60", "10", "50", "5x")))
                .containsExactly("scheme.error.criterionWeight");
        assertThat(keys(draft("40", "60", BANDS, "30", "60", "10"))).containsExactly("scheme.error.noCriteria");
    }

    @Test
    void ratesAndCriteriaWeightsMustSumTo100() {
        assertThat(keys(draft("40", "50", BANDS, "30", "60", "10", "100"))).containsExactly("scheme.error.weights");
        assertThat(keys(draft("-10", "110", BANDS, "30", "60", "10", "100"))).containsExactly("scheme.error.weights");
        assertThat(keys(draft("0", "100", BANDS, "30", "60", "10", "100"))).isEmpty();
    }

    @Test
    void bandsMustRiseStrictlyWithin0And100() {
        assertThat(keys(draft("40", "60", List.of("60", "70", "70", "90"), "30", "60", "10", "100")))
                .containsExactly("scheme.error.bands");
        assertThat(keys(draft("40", "60", List.of("60", "70", "80", "101"), "30", "60", "10", "100")))
                .containsExactly("scheme.error.bands");
        assertThat(keys(draft("40", "60", List.of("90", "80", "70", "60"), "30", "60", "10", "100")))
                .containsExactly("scheme.error.bands");
        assertThat(keys(draft("40", "60", List.of("0", "70.5", "80", "100"), "30", "60", "10", "100")))
                .isEmpty();
    }

    @Test
    void theDistributionMustSumTo100AndEveryFaultIsNamedAtOnce() {
        assertThat(keys(draft("40", "60", BANDS, "30", "60", "20", "100")))
                .containsExactly("scheme.error.distribution");
        assertThat(keys(draft("40", "61", List.of("80", "70", "60", "50"), "30", "60", "20", "99")))
                .containsExactly(
                        "scheme.error.weights",
                        "scheme.error.criteriaSum",
                        "scheme.error.bands",
                        "scheme.error.distribution");
    }

    @Test
    void periodsAreMonthsQuartersOrYears() {
        assertThat(AssessmentPeriod.parse("2026-11").orElseThrow().period())
                .isEqualTo(Period.month(YearMonth.of(2026, 11)));
        AssessmentPeriod q = AssessmentPeriod.parse("2026-q4").orElseThrow();
        assertThat(q.key()).isEqualTo("2026-Q4");
        assertThat(q.period()).isEqualTo(new Period(YearMonth.of(2026, 10), YearMonth.of(2026, 12)));
        assertThat(AssessmentPeriod.parse("2025").orElseThrow().period().months())
                .isEqualTo(12);
        assertThat(AssessmentPeriod.parse("2026-13")).isEmpty();
        assertThat(AssessmentPeriod.parse("2026-Q5")).isEmpty();
        assertThat(AssessmentPeriod.parse("11/2026")).isEmpty();
    }

    @Test
    void evidenceIsToldByItsContentNotItsName() {
        assertThat(EvidenceFiles.contentType("a.pdf", "%PDF-1.7\n".getBytes())).contains("application/pdf");
        assertThat(EvidenceFiles.contentType("a.pdf", "<html>".getBytes())).isEmpty();
        assertThat(EvidenceFiles.contentType("x.docx", new byte[] {0x50, 0x4B, 0x03, 0x04, 1}))
                .contains("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(EvidenceFiles.contentType("x.zip", new byte[] {0x50, 0x4B, 0x03, 0x04, 1}))
                .isEmpty();
        assertThat(EvidenceFiles.cleanName("C:\\docs\\会议\"记录.pdf")).isEqualTo("会议记录.pdf");
    }

    private static List<String> keys(SchemeDraft d) {
        return d.check().problems().stream().map(InputProblem::key).toList();
    }
}
