package org.jiesu.assessment;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jiesu.platform.LagTolerant;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rankings of a month, quarter or year within each peer group, with every unit's composite month by month; and
 * the printable monthly report. Both read {@link Rates} through {@link RankingBoard}; a bad period or unit is a
 * message beside the picker with a 400.
 */
@Controller
class RankingPages {

    /** How many of the lowest units of a peer group the report names. */
    static final int LAGGING = 3;

    record Choice(String value, String label, int depth) {}

    /**
     * A headline figure of the report and its change against the month before, in percentage points for a rate.
     */
    record Headline(
            String key, @Nullable Double value, @Nullable Double previous, boolean rate) {
        public @Nullable Double change() {
            return value == null || previous == null ? null : Math.round((value - previous) * 10) / 10.0;
        }
    }

    private final Rates rates;
    private final RankingBoard board;
    private final Actors actors;
    private final UnitDirectory units;
    private final JsonMapper json = JsonMapper.builder().build();

    RankingPages(Rates rates, RankingBoard board, Actors actors, UnitDirectory units) {
        this.rates = rates;
        this.board = board;
        this.actors = actors;
        this.units = units;
    }

    @LagTolerant
    @GetMapping("/assessment/rankings")
    String rankings(
            @RequestParam(required = false) @Nullable String period,
            @RequestParam(required = false) @Nullable String at,
            @RequestParam(required = false) @Nullable String unit,
            Model model,
            HttpServletResponse response) {
        Actor actor = actors.current();
        Picked picked = pick(actor, period, at, unit, model);
        model.addAttribute("kindText", period == null || period.isBlank() ? picked.kindText() : period.strip());
        model.addAttribute("atText", at == null || at.isBlank() ? picked.atText() : at.strip());
        if (picked.period == null || picked.scope == null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "assessment/rankings";
        }
        List<Ranking> rankings = board.rankings(picked.scope, picked.period);
        boolean hasData = RankingBoard.hasData(rankings);
        model.addAttribute("rankings", rankings);
        model.addAttribute("rateSettings", rates.settings(picked.period.range()));
        model.addAttribute("hasData", hasData);
        if (hasData) {
            List<RankingBoard.Trend> trends = board.trends(rankings, picked.period);
            Map<String, String> trendJson = new LinkedHashMap<>();
            trends.forEach(t -> trendJson.put(t.kind().name(), json.writeValueAsString(t)));
            model.addAttribute("trends", trends);
            model.addAttribute("trendJson", trendJson);
        }
        return "assessment/rankings";
    }

    @LagTolerant
    @GetMapping("/assessment/report")
    String report(
            @RequestParam(required = false) @Nullable String month,
            @RequestParam(required = false) @Nullable String unit,
            Model model,
            HttpServletResponse response) {
        Actor actor = actors.current();
        Picked picked = pick(actor, "month", month, unit, model);
        model.addAttribute("atText", month == null || month.isBlank() ? picked.atText() : month.strip());
        if (picked.period == null || picked.scope == null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "assessment/report";
        }
        Scope scope = picked.scope;
        RankingPeriod now = picked.period;
        RankingPeriod before = now.previous();
        long root = scope.root().id();
        UnitRates current = rates.unitRates(List.of(root), now.range()).get(root);
        UnitRates previous = rates.unitRates(List.of(root), before.range()).get(root);
        Volumes volumes = rates.volumes(scope, now.range());
        long previousTotal = rates.volumes(scope, before.range()).total();
        List<Headline> headlines = List.of(
                new Headline(
                        "dashboard.metric.response",
                        current.response().percent(),
                        previous.response().percent(),
                        true),
                new Headline(
                        "dashboard.metric.resolution",
                        current.resolution().percent(),
                        previous.resolution().percent(),
                        true),
                new Headline(
                        "dashboard.metric.satisfaction",
                        current.satisfaction().percent(),
                        previous.satisfaction().percent(),
                        true),
                new Headline("dashboard.col.score", current.score(), previous.score(), true),
                new Headline("dashboard.metric.volume", (double) volumes.total(), (double) previousTotal, false));
        List<Ranking> rankings = board.rankings(scope, now);
        Map<Ranking, List<Ranking.Row>> lagging = new LinkedHashMap<>();
        rankings.forEach(r -> lagging.put(r, RankingBoard.lagging(r, LAGGING)));
        model.addAttribute("previousMonth", before.at());
        model.addAttribute("headlines", headlines);
        model.addAttribute("rankings", rankings);
        model.addAttribute("hasData", RankingBoard.hasData(rankings) || volumes.total() > 0);
        model.addAttribute("lagging", lagging);
        model.addAttribute("volumes", volumes);
        return "assessment/report";
    }

    /** The period and scope picked, or null where the picker was wrong; the faults go to the model by field. */
    private record Picked(
            @Nullable RankingPeriod period, @Nullable Scope scope, String kindText, String atText) {}

    private Picked pick(Actor actor, @Nullable String period, @Nullable String at, @Nullable String unit, Model model) {
        DashboardQuery q = DashboardQuery.read(rates, actor, DashboardQuery.THIS_MONTH, null, null, unit);
        Map<String, String> errors = new LinkedHashMap<>(q.errors);
        errors.remove("period");
        RankingPeriod p = null;
        try {
            p = RankingPeriod.read(period, at, rates.thisMonth());
        } catch (RankingPeriod.Invalid e) {
            errors.put(e.key.startsWith("rankings.error.period") ? "period" : "at", e.key);
        }
        model.addAttribute("q", q);
        model.addAttribute("errors", errors);
        model.addAttribute("period", p);
        model.addAttribute("unitChoices", choices(actor, q.scope));
        model.addAttribute("scopeName", q.scope == null ? null : q.scope.root().name());
        model.addAttribute("unitId", q.unitId());
        Scope scope = errors.containsKey("unit") ? null : q.scope;
        return new Picked(
                errors.isEmpty() ? p : null,
                scope,
                p == null ? "month" : p.kind().key(),
                p == null ? "" : p.at());
    }

    private List<Choice> choices(Actor actor, @Nullable Scope shown) {
        List<Unit> list = rates.choices(actor);
        List<Choice> choices = new ArrayList<>();
        int top = list.isEmpty() ? 0 : units.lineage(list.get(0).id()).size();
        for (Unit u : list) {
            choices.add(new Choice(
                    String.valueOf(u.id()),
                    u.name(),
                    Math.max(0, units.lineage(u.id()).size() - top)));
        }
        if (shown != null && list.stream().noneMatch(u -> u.id() == shown.root().id())) {
            choices.add(
                    new Choice(String.valueOf(shown.root().id()), shown.root().name(), 0));
        }
        return choices;
    }
}
