package org.jiesu.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The arithmetic of a scheme's results, with no database: totals, stars, rank and the forced-distribution grade.
 *
 * <ul>
 *   <li>criteria subtotal = Σ(criterion weight × score) / 100, only when every criterion is scored;
 *   <li>total = (rates weight × composite + criteria weight × subtotal) / 100, rounded half up to two decimals; a
 *       part whose weight is 0 is not needed;
 *   <li>a unit missing a needed part (a criterion not yet scored, or no composite because no order of it was
 *       counted) has no total, no stars and no grade, and is not counted in the quotas;
 *   <li>ranked units are sorted by total, then satisfaction, resolution and response rate (in percent with one
 *       decimal, as shown; a missing rate comes last), all descending;
 *   <li>positions 1..excellent quota are excellent, the last poor-quota positions poor, the rest good; units equal
 *       on all four keys share a rank and the better grade of their positions, so a grade may exceed its quota.
 * </ul>
 */
final class Standings {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Standings() {}

    /** What is known of one assessed unit in the period; rates in percent, null when nothing was counted. */
    record UnitInput(
            long unitId,
            String code,
            String name,
            @Nullable Double composite,
            @Nullable Double satisfaction,
            @Nullable Double resolution,
            @Nullable Double response,
            Map<Long, BigDecimal> scores) {}

    /**
     * One row of the results.
     *
     * @param rank 1 for the best; equal units share it; 0 when the unit is not ranked
     * @param stars 1 to 5, 0 when the unit has no total
     */
    record Standing(
            UnitInput unit,
            int scored,
            int criteria,
            @Nullable BigDecimal subtotal,
            @Nullable BigDecimal total,
            boolean ratesMissing,
            boolean criteriaMissing,
            int rank,
            int stars,
            @Nullable Grade grade) {

        public boolean ranked() {
            return total != null;
        }
    }

    /** The rows, ranked first, and the quotas with how many units each grade actually holds. */
    record Result(List<Standing> rows, Distribution.Quotas quotas, Map<Grade, Integer> counts) {

        public int ranked() {
            return (int) rows.stream().filter(Standing::ranked).count();
        }

        public boolean overQuota(Grade g) {
            int quota = switch (g) {
                case EXCELLENT -> quotas.excellent();
                case GOOD -> quotas.good();
                case POOR -> quotas.poor();
            };
            return counts.getOrDefault(g, 0) > quota;
        }
    }

    static @Nullable BigDecimal subtotal(List<AssessmentScheme.Criterion> criteria, Map<Long, BigDecimal> scores) {
        BigDecimal sum = BigDecimal.ZERO;
        for (AssessmentScheme.Criterion c : criteria) {
            BigDecimal s = scores.get(c.id());
            if (s == null) {
                return null;
            }
            sum = sum.add(BigDecimal.valueOf(c.weight()).multiply(s));
        }
        return sum.divide(HUNDRED);
    }

    /** The total from its parts; null when a part the weights need is missing. */
    static @Nullable BigDecimal total(
            int ratesWeight, int criteriaWeight, @Nullable Double composite, @Nullable BigDecimal subtotal) {
        if (ratesWeight > 0 && composite == null || criteriaWeight > 0 && subtotal == null) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        if (ratesWeight > 0) {
            sum = sum.add(BigDecimal.valueOf(ratesWeight).multiply(BigDecimal.valueOf(composite)));
        }
        if (criteriaWeight > 0) {
            sum = sum.add(BigDecimal.valueOf(criteriaWeight).multiply(subtotal));
        }
        return sum.divide(HUNDRED).setScale(2, RoundingMode.HALF_UP);
    }

    /** Orders the units that have a total; equal on every key means a tie. */
    static final Comparator<Standing> ORDER = Comparator.comparing(
                    (Standing s) -> s.total(), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(s -> s.unit().satisfaction(), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(s -> s.unit().resolution(), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(s -> s.unit().response(), Comparator.nullsLast(Comparator.reverseOrder()));

    static Result rank(AssessmentScheme scheme, List<UnitInput> units) {
        List<Standing> ranked = new ArrayList<>();
        List<Standing> unranked = new ArrayList<>();
        for (UnitInput u : units) {
            BigDecimal subtotal = subtotal(scheme.criteria(), u.scores());
            BigDecimal total = total(scheme.ratesWeight(), scheme.criteriaWeight(), u.composite(), subtotal);
            int scored = (int) scheme.criteria().stream()
                    .filter(c -> u.scores().containsKey(c.id()))
                    .count();
            Standing s = new Standing(
                    u,
                    scored,
                    scheme.criteria().size(),
                    subtotal,
                    total,
                    scheme.ratesWeight() > 0 && u.composite() == null,
                    scheme.criteriaWeight() > 0 && subtotal == null,
                    0,
                    total == null ? 0 : scheme.bands().stars(total),
                    null);
            (total == null ? unranked : ranked).add(s);
        }
        ranked.sort(ORDER.thenComparing(s -> s.unit().code()));
        unranked.sort(Comparator.comparing(s -> s.unit().code()));

        int n = ranked.size();
        Distribution.Quotas q = scheme.distribution().quotas(n);
        List<Standing> rows = new ArrayList<>();
        Map<Grade, Integer> counts = new EnumMap<>(Grade.class);
        Standing previous = null;
        for (int i = 0; i < n; i++) {
            Standing s = ranked.get(i);
            int rank;
            Grade grade;
            if (previous != null && ORDER.compare(previous, s) == 0) {
                // Exactly equal: the rank and the better grade of the first of them.
                rank = previous.rank();
                grade = previous.grade();
            } else {
                rank = i + 1;
                grade = i < q.excellent() ? Grade.EXCELLENT : i >= n - q.poor() ? Grade.POOR : Grade.GOOD;
            }
            Standing graded = new Standing(
                    s.unit(),
                    s.scored(),
                    s.criteria(),
                    s.subtotal(),
                    s.total(),
                    s.ratesMissing(),
                    s.criteriaMissing(),
                    rank,
                    s.stars(),
                    grade);
            counts.merge(grade, 1, Integer::sum);
            rows.add(graded);
            previous = graded;
        }
        rows.addAll(unranked);
        return new Result(List.copyOf(rows), q, counts);
    }
}
