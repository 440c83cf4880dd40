package org.jiesu.assessment;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jiesu.platform.LagTolerant;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.units.Unit;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The supervisor's dashboard: the three rates with their trends, rankings within each kind of unit, volumes, a map,
 * the overdue and urged orders; and the drill-down that lists the orders behind any of its numbers.
 */
@Controller
class DashboardPages {

    /** Rows of the overdue and urged lists on the dashboard itself; the drill-down pages the rest. */
    static final int LIST_PEEK = 10;

    record Card(Metric metric, Rate rate, List<TrendPoint> trend) {}

    record Choice(String value, String label, int depth) {}

    private final Rates rates;
    private final Actors actors;
    private final String mapTileUrl;

    DashboardPages(Rates rates, Actors actors, @Value("${jiesu.map.tile-url:}") String mapTileUrl) {
        this.rates = rates;
        this.actors = actors;
        this.mapTileUrl = mapTileUrl;
    }

    @LagTolerant
    @GetMapping("/dashboard")
    String dashboard(
            @RequestParam(required = false) @Nullable String period,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String unit,
            Model model,
            HttpServletResponse response) {
        Actor actor = actors.current();
        DashboardQuery q = DashboardQuery.read(rates, actor, period, from, to, unit);
        filters(model, actor, q);
        if (!q.valid()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "assessment/dashboard";
        }
        Scope scope = q.scope;
        Period range = q.range;
        List<Card> cards = new ArrayList<>();
        for (Metric m : List.of(Metric.RESPONSE, Metric.RESOLUTION, Metric.SATISFACTION)) {
            cards.add(new Card(m, rates.rate(m, scope, range), rates.trend(m, scope, range)));
        }
        model.addAttribute("cards", cards);
        model.addAttribute("rankings", rates.rankings(scope, range));
        model.addAttribute("rateSettings", rates.settings(range));
        model.addAttribute("volumes", rates.volumes(scope, range));
        model.addAttribute("overdue", rates.orders(Metric.OVERDUE, scope, range, "", "", 1));
        model.addAttribute("urged", rates.orders(Metric.URGED, scope, range, "", "", 1));
        model.addAttribute("peek", LIST_PEEK);
        model.addAttribute("scopeName", scope.root().name());
        model.addAttribute("mapTileUrl", mapTileUrl);
        return "assessment/dashboard";
    }

    @LagTolerant
    @GetMapping("/dashboard/orders")
    String orders(
            @RequestParam(required = false) @Nullable String metric,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String bucket,
            @RequestParam(required = false) @Nullable String period,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String unit,
            @RequestParam(required = false) @Nullable String page,
            Model model,
            HttpServletResponse response) {
        Actor actor = actors.current();
        DashboardQuery q = DashboardQuery.read(rates, actor, period, from, to, unit);
        Drill drill = Drill.read(q, metric, outcome, bucket, page);
        filters(model, actor, q);
        model.addAttribute("drill", drill);
        if (!q.valid()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "assessment/drilldown";
        }
        model.addAttribute("scopeName", q.scope.root().name());
        model.addAttribute(
                "result", rates.orders(drill.metric, q.scope, q.range, drill.outcome, drill.bucket, drill.page));
        return "assessment/drilldown";
    }

    private void filters(Model model, Actor actor, DashboardQuery q) {
        model.addAttribute("q", q);
        model.addAttribute("errors", q.errors);
        List<Choice> choices = new ArrayList<>();
        List<Unit> units = rates.choices(actor);
        int top = units.isEmpty() ? 0 : depthOf(units.get(0), units);
        for (Unit u : units) {
            choices.add(new Choice(String.valueOf(u.id()), u.name(), depthOf(u, units) - top));
        }
        // A grid or a department reached from a ranking is no choice of the list; it is still the one shown.
        if (q.scope != null
                && units.stream().noneMatch(u -> u.id() == q.scope.root().id())) {
            choices.add(new Choice(
                    String.valueOf(q.scope.root().id()), q.scope.root().name(), 0));
        }
        model.addAttribute("unitChoices", choices);
    }

    /** How deep a unit lies among the choices, for indenting the list; choices come sorted by depth. */
    private static int depthOf(Unit u, List<Unit> units) {
        int depth = 0;
        Optional<Unit> parent = Optional.of(u);
        while (parent.isPresent() && parent.get().parentId() != null) {
            Long pid = parent.get().parentId();
            parent = units.stream().filter(x -> x.id() == pid).findFirst();
            if (parent.isPresent()) {
                depth++;
            }
        }
        return depth;
    }

    /** What a drill-down lists, checked like the filters: faults join the query's. */
    static final class Drill {
        Metric metric = Metric.RESPONSE;
        String outcome = "";
        String bucket = "";
        int page = 1;
        final String metricText;

        private Drill(String metricText) {
            this.metricText = metricText;
        }

        static Drill read(
                DashboardQuery q,
                @Nullable String metric,
                @Nullable String outcome,
                @Nullable String bucket,
                @Nullable String page) {
            Drill d = new Drill(metric == null ? "" : metric.strip());
            Optional<Metric> m = Metric.parse(d.metricText);
            if (m.isEmpty()) {
                q.fault(
                        "metric",
                        "dashboard.error.metric",
                        "metric: one of response, resolution, satisfaction," + " volume, overdue, urged.");
                return d;
            }
            d.metric = m.get();
            d.outcome = outcome == null ? "" : outcome.strip();
            if (!d.outcome.isEmpty()
                    && !d.metric.outcomes().contains(d.outcome)
                    && !(d.metric == Metric.VOLUME && d.outcome.matches("[A-Z_]{1,40}|-"))) {
                q.fault("outcome", "dashboard.error.outcome", "outcome: not an outcome of " + d.metric.key() + ".");
            }
            d.bucket = bucket == null ? "" : bucket.strip();
            if (!d.bucket.isEmpty()) {
                boolean ok = d.metric == Metric.VOLUME
                        ? DashboardQuery.day(d.bucket).isPresent()
                        : d.metric.rate() && Period.parseMonth(d.bucket).isPresent();
                if (!ok) {
                    q.fault("bucket", "dashboard.error.bucket", "bucket: not a day or month of this metric.");
                }
            }
            if (page != null && !page.isBlank()) {
                try {
                    d.page = Math.max(1, Integer.parseInt(page.strip()));
                } catch (NumberFormatException e) {
                    q.fault("page", "dashboard.error.page", "page: a page number.");
                }
            }
            return d;
        }

        public Metric getMetric() {
            return metric;
        }

        public String getOutcome() {
            return outcome;
        }

        public String getBucket() {
            return bucket;
        }

        public int getPage() {
            return page;
        }

        public String getMetricText() {
            return metricText;
        }
    }
}
