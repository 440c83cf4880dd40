package org.jiesu.governance;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jiesu.units.UnitKind;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hot-issue screens for supervisors: the clusters ranked by heat with their trends and a map, one cluster with its
 * requests, and the administrator's recompute with its progress.
 */
@Controller
class HotIssuePages {

    static final List<Integer> PERIODS = List.of(30, 90, 365);
    private static final int LIST_LIMIT = 100;

    record Filters(@Nullable Long county, int days, int minSize, List<String> errors) {}

    record Area(long unitId, String name, boolean outline, JsonNode geometry) {}

    record Point(long id, String title, int size, double heat, double latitude, double longitude) {}

    record MapData(List<Area> areas, List<Point> clusters) {}

    private final HotIssues hotIssues;
    private final HotIssueBoard board;
    private final UnitDirectory units;
    private final Actors actors;
    private final ZoneId zone;
    private final String mapTileUrl;
    private final JsonMapper json = JsonMapper.builder().build();

    HotIssuePages(
            HotIssues hotIssues,
            HotIssueBoard board,
            UnitDirectory units,
            Actors actors,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone,
            @Value("${jiesu.map.tile-url:}") String mapTileUrl) {
        this.hotIssues = hotIssues;
        this.board = board;
        this.units = units;
        this.actors = actors;
        this.zone = zone;
        this.mapTileUrl = mapTileUrl;
    }

    @GetMapping("/governance/hot")
    String list(
            @RequestParam(required = false) @Nullable String county,
            @RequestParam(required = false) @Nullable String period,
            @RequestParam(required = false) @Nullable String min,
            Model model,
            HttpServletResponse response) {
        requireReader();
        Filters f = filters(county, period, min);
        model.addAttribute("f", f);
        List<Unit> counties = counties();
        model.addAttribute("counties", counties);
        model.addAttribute(
                "countyNames",
                counties.stream().collect(java.util.stream.Collectors.toMap(Unit::id, Unit::name, (a, b) -> a)));
        model.addAttribute("periods", PERIODS);
        model.addAttribute("mapTileUrl", mapTileUrl);
        model.addAttribute("progress", hotIssues.progress());
        model.addAttribute("admin", actors.current().is(Role.ADMIN));
        if (!f.errors().isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("rows", List.of());
            return "governance/hot";
        }
        model.addAttribute("rows", board.ranked(f.county(), f.days(), f.minSize(), LIST_LIMIT));
        return "governance/hot";
    }

    @GetMapping(path = "/governance/hot/map", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    MapData map(
            @RequestParam(required = false) @Nullable String county,
            @RequestParam(required = false) @Nullable String period,
            @RequestParam(required = false) @Nullable String min) {
        requireReader();
        Filters f = filters(county, period, min);
        if (!f.errors().isEmpty()) {
            throw JiesuException.invalid(String.join(" ", f.errors()));
        }
        Map<Long, String> shapes = units.areas();
        List<Area> areas = new ArrayList<>();
        for (Unit u : units.units()) {
            boolean outline = u.kind() == UnitKind.PREFECTURE;
            if ((outline || u.kind() == UnitKind.COUNTY) && shapes.containsKey(u.id())) {
                areas.add(new Area(u.id(), u.name(), outline, json.readTree(shapes.get(u.id()))));
            }
        }
        List<Point> points = board.ranked(f.county(), f.days(), f.minSize(), LIST_LIMIT).stream()
                .filter(r -> r.latitude() != null && r.longitude() != null)
                .map(r -> new Point(r.id(), r.title(), r.size(), r.heat(), r.latitude(), r.longitude()))
                .toList();
        return new MapData(areas, points);
    }

    @GetMapping("/governance/hot/{id:\\d+}")
    String cluster(@PathVariable String id, Model model) {
        requireReader();
        long clusterId;
        try {
            clusterId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw JiesuException.notFound("There is no hot issue " + id + ".");
        }
        HotIssueBoard.Row row = board.find(clusterId)
                .orElseThrow(() -> JiesuException.notFound("There is no hot issue " + clusterId + "."));
        if (row.mergedInto() != null) {
            return "redirect:/governance/hot/" + board.survivor(clusterId);
        }
        HotIssueBoard.Row withWeeks = board.withWeeks(board.withTodaysHeat(row));
        model.addAttribute("c", withWeeks);
        model.addAttribute("weekLabels", String.join(",", HotIssueBoard.weekLabels(withWeeks, zone)));
        model.addAttribute(
                "county",
                row.countyId() == null
                        ? null
                        : units.find(row.countyId()).map(Unit::name).orElse(null));
        model.addAttribute("members", board.members(clusterId));
        model.addAttribute("cap", HotIssueBoard.MEMBER_CAP);
        return "governance/cluster";
    }

    @PostMapping("/governance/hot/recompute")
    String recompute() {
        actors.requireRole(actors.current(), Role.ADMIN);
        hotIssues.startRecompute();
        return "redirect:/governance/hot/recompute";
    }

    @GetMapping("/governance/hot/recompute")
    String recomputePage(Model model) {
        actors.requireRole(actors.current(), Role.ADMIN);
        model.addAttribute("progress", hotIssues.progress());
        return "governance/recompute";
    }

    @GetMapping("/governance/hot/recompute/progress")
    String progress(Model model) {
        actors.requireRole(actors.current(), Role.ADMIN);
        model.addAttribute("progress", hotIssues.progress());
        return "governance/recompute :: progress";
    }

    private void requireReader() {
        actors.requireRole(actors.current(), Role.SUPERVISOR, Role.ADMIN);
    }

    private List<Unit> counties() {
        return units.units().stream().filter(u -> u.kind() == UnitKind.COUNTY).toList();
    }

    private Filters filters(@Nullable String county, @Nullable String period, @Nullable String min) {
        List<String> errors = new ArrayList<>();
        Long countyId = null;
        if (county != null && !county.isBlank()) {
            try {
                countyId = Long.parseLong(county.strip());
                long c = countyId;
                if (counties().stream().noneMatch(u -> u.id() == c)) {
                    errors.add("governance.hot.error.county");
                }
            } catch (NumberFormatException e) {
                errors.add("governance.hot.error.county");
            }
        }
        int days = 90;
        if (period != null && !period.isBlank()) {
            try {
                days = Integer.parseInt(period.strip());
            } catch (NumberFormatException e) {
                days = -1;
            }
            if (!PERIODS.contains(days)) {
                errors.add("governance.hot.error.period");
                days = 90;
            }
        }
        int minSize = 2;
        if (min != null && !min.isBlank()) {
            try {
                minSize = Integer.parseInt(min.strip());
            } catch (NumberFormatException e) {
                minSize = -1;
            }
            if (minSize < 1 || minSize > 10_000) {
                errors.add("governance.hot.error.min");
                minSize = 2;
            }
        }
        return new Filters(countyId, days, minSize, errors);
    }
}
