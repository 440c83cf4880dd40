package org.jiesu.assessment;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jiesu.units.UnitKind;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the rankings page, its exports and the monthly report show, built from {@link Rates} alone: the rankings of
 * each peer group, each ranked unit's composite month by month, and each unit's rates as one table.
 */
@Component
class RankingBoard {

    /** A peer group's composite scores month by month, one line per unit. */
    record Trend(UnitKind kind, List<String> months, List<Line> lines) {}

    record Line(long unitId, String unitName, List<@Nullable Double> scores) {}

    /** One row of the rate table: a unit and its own rates over its subtree. */
    record RateRow(Unit unit, UnitRates rates) {}

    private final Rates rates;
    private final UnitDirectory units;

    RankingBoard(Rates rates, UnitDirectory units) {
        this.rates = rates;
        this.units = units;
    }

    List<Ranking> rankings(Scope scope, RankingPeriod period) {
        return rates.rankings(scope, period.range());
    }

    /** True when some unit of some ranking had anything counted in the period. */
    static boolean hasData(List<Ranking> rankings) {
        return rankings.stream().flatMap(r -> r.rows().stream()).anyMatch(r -> r.score() != null);
    }

    /** Every ranked unit's composite month by month over the period's trend months, per peer group. */
    List<Trend> trends(List<Ranking> rankings, RankingPeriod period) {
        Set<Long> ids = new LinkedHashSet<>();
        rankings.forEach(r -> r.rows().forEach(row -> ids.add(row.unitId())));
        Period months = period.trendMonths();
        List<String> labels = new ArrayList<>();
        Map<Long, List<@Nullable Double>> scores = new LinkedHashMap<>();
        ids.forEach(id -> scores.put(id, new ArrayList<>()));
        Map<YearMonth, Map<Long, UnitRates>> byMonth = rates.monthly(ids, months);
        for (YearMonth m = months.from(); !m.isAfter(months.to()); m = m.plusMonths(1)) {
            labels.add(m.toString());
            Map<Long, UnitRates> month = byMonth.getOrDefault(m, Map.of());
            for (Long id : ids) {
                UnitRates u = month.get(id);
                scores.get(id).add(u == null ? null : u.score());
            }
        }
        List<Trend> trends = new ArrayList<>();
        for (Ranking r : rankings) {
            List<Line> lines = r.rows().stream()
                    .map(row -> new Line(row.unitId(), row.unitName(), scores.get(row.unitId())))
                    .toList();
            trends.add(new Trend(r.kind(), labels, lines));
        }
        return trends;
    }

    /**
     * The rate table: the scope's own unit first, then every unit its rankings list, each once, in the order of the
     * rankings.
     */
    List<RateRow> rateTable(Scope scope, List<Ranking> rankings, RankingPeriod period) {
        Set<Long> ids = new LinkedHashSet<>();
        ids.add(scope.root().id());
        rankings.forEach(r -> r.rows().forEach(row -> ids.add(row.unitId())));
        Map<Long, UnitRates> all = rates.unitRates(ids, period.range());
        List<RateRow> rows = new ArrayList<>();
        for (Long id : ids) {
            rows.add(new RateRow(units.unit(id), all.get(id)));
        }
        return rows;
    }

    /** True when any unit of the table had anything counted. */
    static boolean rateTableHasData(List<RateRow> rows) {
        return rows.stream().anyMatch(r -> r.rates().score() != null);
    }

    /** The lowest ranked unit with a score in each peer group: the ones a monthly report names. */
    static List<Ranking.Row> lagging(Ranking ranking, int count) {
        List<Ranking.Row> scored =
                ranking.rows().stream().filter(r -> r.score() != null).toList();
        List<Ranking.Row> last = new ArrayList<>(scored.subList(Math.max(0, scored.size() - count), scored.size()));
        java.util.Collections.reverse(last);
        return last;
    }

    String code(long unitId) {
        return units.unit(unitId).code();
    }
}
