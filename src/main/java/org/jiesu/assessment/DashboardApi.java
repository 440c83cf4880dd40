package org.jiesu.assessment;

import java.util.ArrayList;
import java.util.List;
import org.jiesu.platform.LagTolerant;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's numbers as JSON for its charts and map: the same filters as the page, refused with
 * {@code application/problem+json} when they are wrong.
 */
@RestController
class DashboardApi {

    record Trend(String metric, List<String> months, List<@Nullable Double> percent) {}

    record Area(long unitId, String name, String kind, boolean outline, JsonNode geometry) {}

    record Data(
            String unit,
            String from,
            String to,
            List<Trend> trends,
            Volumes volumes,
            List<Area> areas,
            List<MapPoint> points) {}

    private final Rates rates;
    private final Actors actors;
    private final JsonMapper json = JsonMapper.builder().build();

    DashboardApi(Rates rates, Actors actors) {
        this.rates = rates;
        this.actors = actors;
    }

    @LagTolerant
    @GetMapping(path = "/dashboard/data", produces = "application/json")
    Data data(
            @RequestParam(required = false) @Nullable String period,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String unit) {
        Actor actor = actors.current();
        DashboardQuery q = DashboardQuery.read(rates, actor, period, from, to, unit);
        q.requireValid();
        Scope scope = q.scope;
        Period range = q.range;
        List<Trend> trends = new ArrayList<>();
        for (Metric m : List.of(Metric.RESPONSE, Metric.RESOLUTION, Metric.SATISFACTION)) {
            List<String> months = new ArrayList<>();
            List<@Nullable Double> values = new ArrayList<>();
            for (TrendPoint p : rates.trend(m, scope, range)) {
                months.add(p.month().toString());
                values.add(p.rate().percent());
            }
            trends.add(new Trend(m.key(), months, values));
        }
        List<Area> areas = rates.areas(scope).stream()
                .map(a -> new Area(a.unitId(), a.name(), a.kind(), a.outline(), json.readTree(a.geometry())))
                .toList();
        return new Data(
                q.unitId(),
                q.fromMonth(),
                q.toMonth(),
                trends,
                rates.volumes(scope, range),
                areas,
                rates.points(scope, range));
    }
}
