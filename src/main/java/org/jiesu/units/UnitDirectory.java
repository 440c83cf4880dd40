package org.jiesu.units;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jiesu.platform.FormValues;
import org.jiesu.platform.JiesuException;
import org.jiesu.units.CatalogueEntry.HandlerKind;
import org.jiesu.units.UnitKind.Level;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who is who and where: the unit tree, its areas, the categories and the dispatch catalogue. The tree is small
 * and read on every dispatch, so it is held in memory and read again after it changes here, and at the latest once it
 * is older than {@code jiesu.units.refresh}: another instance on the same database may have changed it.
 */
@Service
public class UnitDirectory {

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();
    private final long refreshNanos;
    private volatile @Nullable Snapshot snapshot;
    private volatile long loadedAt;

    UnitDirectory(JdbcClient jdbc, @Value("${jiesu.units.refresh:PT30S}") Duration refresh) {
        this.jdbc = jdbc;
        this.refreshNanos = refresh.toNanos();
    }

    public List<Unit> units() {
        return List.copyOf(snapshot().units.values());
    }

    public Optional<Unit> find(long id) {
        return Optional.ofNullable(snapshot().units.get(id));
    }

    public Unit unit(long id) {
        return find(id).orElseThrow(() -> JiesuException.notFound("There is no unit with id " + id + "."));
    }

    public Optional<Unit> findByCode(String code) {
        return snapshot().units.values().stream()
                .filter(u -> u.code().equals(code))
                .findFirst();
    }

    public List<Unit> children(long id) {
        return snapshot().units.values().stream()
                .filter(u -> Long.valueOf(id).equals(u.parentId()))
                .toList();
    }

    /** The unit itself, then its parent, up to the root. */
    public List<Unit> lineage(long id) {
        List<Unit> line = new ArrayList<>();
        Unit u = unit(id);
        while (u != null) {
            line.add(u);
            u = u.parentId() == null ? null : snapshot().units.get(u.parentId());
        }
        return line;
    }

    /** True when {@code unitId} is {@code rootId} or lies below it. */
    public boolean isWithin(long unitId, long rootId) {
        return find(unitId).isPresent() && lineage(unitId).stream().anyMatch(u -> u.id() == rootId);
    }

    /** The ids of a unit and every unit below it. */
    public Set<Long> subtree(long rootId) {
        return snapshot().units.keySet().stream()
                .filter(id -> isWithin(id, rootId))
                .collect(Collectors.toSet());
    }

    /** The nearest territorial unit at or above this one: itself for territorial units, the county for a department. */
    public Unit territorialHome(long unitId) {
        return lineage(unitId).stream()
                .filter(u -> u.kind().territorial())
                .findFirst()
                .orElseThrow(() -> JiesuException.invalid("Unit " + unitId + " has no territorial unit above it."));
    }

    /** The county a unit belongs to, or the prefecture's first county for units that stand above counties. */
    public Optional<Unit> county(long unitId) {
        return lineage(unitId).stream().filter(u -> u.kind() == UnitKind.COUNTY).findFirst();
    }

    /**
     * The unit one level up for escalation: the territorial parent, the county for a department, the community for a
     * property company.
     */
    public Optional<Unit> levelAbove(long unitId) {
        Unit u = unit(unitId);
        if (u.kind() == UnitKind.PROPERTY && u.joinedUnitId() != null) {
            return find(u.joinedUnitId());
        }
        return u.parentId() == null ? Optional.empty() : find(u.parentId());
    }

    /** The grid whose area holds the point, if any. */
    public Optional<Unit> gridAt(double latitude, double longitude) {
        checkCoordinates(latitude, longitude);
        return deepestAt(latitude, longitude).filter(u -> u.kind() == UnitKind.GRID);
    }

    /** The areas of territorial units, as GeoJSON geometries keyed by unit id, for maps. */
    public Map<Long, String> areas() {
        return jdbc
                .sql("select id, area::text from unit where area is not null")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public List<Category> categories() {
        return List.copyOf(snapshot().categories.values());
    }

    public Optional<Category> findCategory(String code) {
        return Optional.ofNullable(snapshot().categories.get(code));
    }

    public Category category(String code) {
        return findCategory(code)
                .orElseThrow(() -> JiesuException.invalid("There is no category '" + FormValues.shown(code) + "'. "
                        + "GET /api/v1/categories lists the ones there are."));
    }

    public List<CatalogueEntry> catalogue() {
        return snapshot().catalogue;
    }

    /**
     * Where the catalogue sends a matter of this category at this place. The place is a point or, when there is
     * none, a chosen territorial unit (usually a community). Units in {@code excluded} are not chosen again: a
     * returned order goes elsewhere.
     */
    public Route route(
            @Nullable Double latitude,
            @Nullable Double longitude,
            @Nullable Long placeUnitId,
            String categoryCode,
            Set<Long> excluded) {
        Category category = category(categoryCode);
        Unit place;
        String where;
        if (latitude != null && longitude != null) {
            checkCoordinates(latitude, longitude);
            Optional<Unit> deepest = deepestAt(latitude, longitude);
            if (deepest.isEmpty()) {
                Unit county = nearestCounty(latitude, longitude);
                return fallback(
                        county,
                        null,
                        excluded,
                        "The point lies outside every area; the nearest county, " + county.name()
                                + ", takes it as fallback.");
            }
            place = deepest.get();
            where = "the point lies in " + place.name();
        } else if (latitude != null || longitude != null) {
            throw JiesuException.invalid("Give both latitude and longitude, or neither.");
        } else if (placeUnitId != null) {
            place = find(placeUnitId)
                    .filter(u -> u.kind().territorial())
                    .orElseThrow(() -> JiesuException.invalid(
                            "Unit " + placeUnitId + " is not a community, village or other territorial unit."));
            where = "the place is " + place.name();
        } else {
            throw JiesuException.invalid("Give the place: a point (latitude and longitude) or a community.");
        }

        Optional<CatalogueEntry> entry = entryFor(category, place.id());
        if (entry.isEmpty()) {
            return fallback(
                    countyOf(place),
                    place.id(),
                    excluded,
                    "The catalogue names nobody for " + category.name()
                            + "; the county government takes it as fallback.");
        }
        Optional<Unit> target = resolve(entry.get(), place);
        if (target.isEmpty()) {
            return fallback(
                    countyOf(place),
                    place.id(),
                    excluded,
                    "The catalogue's unit for " + category.name() + " does not exist near " + place.name()
                            + "; the county government takes it as fallback.");
        }
        if (excluded.contains(target.get().id())) {
            return fallback(
                    countyOf(place),
                    place.id(),
                    excluded,
                    target.get().name() + " already returned this matter; the county government takes it as fallback.");
        }
        List<Unit> supports = entry.get().supportFunctions().stream()
                .map(function -> withFunction(lineage(place.id()), UnitKind.DEPARTMENT, function)
                        .or(() -> withFunction(lineage(place.id()), UnitKind.UTILITY, function)))
                .flatMap(Optional::stream)
                .filter(u -> u.id() != target.get().id() && !excluded.contains(u.id()))
                .distinct()
                .toList();
        String supported = supports.isEmpty()
                ? ""
                : ", supported by " + supports.stream().map(Unit::name).collect(Collectors.joining(", "));
        return new Route(
                target.get().id(),
                target.get().name(),
                place.id(),
                false,
                capitalise(where) + "; the catalogue sends " + category.name() + " to "
                        + target.get().name() + supported + ".",
                supports.stream().map(Unit::id).toList());
    }

    /** The nearest department or utility with this function above the place: the county's, else the prefecture's. */
    private Optional<Unit> withFunction(List<Unit> lineage, UnitKind kind, @Nullable String function) {
        return lineage.stream()
                .flatMap(ancestor -> children(ancestor.id()).stream())
                .filter(u ->
                        u.kind() == kind && u.function() != null && u.function().equals(function))
                .findFirst();
    }

    /** Adds a unit to the tree and returns its id. */
    @Transactional
    public long add(NewUnit unit) {
        if (unit.code() == null
                || unit.code().isBlank()
                || unit.name() == null
                || unit.name().isBlank()) {
            throw JiesuException.invalid("A unit needs a code and a name.");
        }
        if (unit.parentId() != null) {
            unit(unit.parentId());
        }
        if (unit.areaGeoJson() != null) {
            if (!unit.kind().territorial()) {
                throw JiesuException.invalid("Only territorial units own an area.");
            }
            try {
                Area.fromGeoJson(json.readTree(unit.areaGeoJson()));
            } catch (RuntimeException e) {
                throw JiesuException.invalid("The area is not a usable GeoJSON polygon: " + e.getMessage());
            }
        }
        long id = jdbc.sql("""
                        insert into unit (code, name, kind, parent_id, function, joined_unit_id, area)
                        values (?, ?, ?, ?, ?, ?, cast(? as jsonb)) returning id""")
                .params(
                        unit.code().trim(),
                        unit.name().trim(),
                        unit.kind().name(),
                        unit.parentId(),
                        unit.function(),
                        unit.joinedUnitId(),
                        unit.areaGeoJson())
                .query(Long.class)
                .single();
        reload();
        return id;
    }

    /** A point inside the unit's area (the middle of its bounding box, which lies inside for convex areas). */
    public Optional<double[]> centre(long unitId) {
        Area area = snapshot().areas.get(unitId);
        return area == null ? Optional.empty() : Optional.of(area.centre());
    }

    /** Forget the cached tree after units, areas, categories or the catalogue changed. */
    public void reload() {
        snapshot = null;
    }

    private Route fallback(Unit county, @Nullable Long placeUnitId, Set<Long> excluded, String why) {
        Unit taker = county;
        if (excluded.contains(county.id()) && county.parentId() != null) {
            taker = unit(county.parentId());
            why = why + " The county returned it before, so " + taker.name() + " takes it.";
        }
        return new Route(taker.id(), taker.name(), placeUnitId, true, why);
    }

    private Unit countyOf(Unit place) {
        return county(place.id()).orElse(place);
    }

    private Optional<CatalogueEntry> entryFor(Category category, long placeId) {
        List<Unit> lineage = lineage(placeId);
        for (Category c = category;
                c != null;
                c = c.parentCode() == null ? null : snapshot().categories.get(c.parentCode())) {
            String code = c.code();
            Optional<CatalogueEntry> best = snapshot().catalogue.stream()
                    .filter(e -> e.categoryCode().equals(code))
                    .filter(e -> e.scopeUnitId() == null || lineage.stream().anyMatch(u -> u.id() == e.scopeUnitId()))
                    .min(Comparator.comparingInt(e -> depthOfScope(e, lineage)));
            if (best.isPresent()) {
                return best;
            }
        }
        return Optional.empty();
    }

    /** Nearer scopes come first; entries for everywhere come last. */
    private static int depthOfScope(CatalogueEntry e, List<Unit> lineage) {
        if (e.scopeUnitId() == null) {
            return Integer.MAX_VALUE;
        }
        for (int i = 0; i < lineage.size(); i++) {
            if (lineage.get(i).id() == e.scopeUnitId()) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private Optional<Unit> resolve(CatalogueEntry entry, Unit place) {
        List<Unit> lineage = lineage(place.id());
        return switch (entry.handlerKind()) {
            case UNIT -> entry.handlerUnitId() == null ? Optional.empty() : find(entry.handlerUnitId());
            case TERRITORIAL -> {
                Level level = entry.handlerLevel() == null ? Level.COUNTY : entry.handlerLevel();
                // A place known only down to the community is handled there when the catalogue asks for a grid.
                yield lineage.stream()
                        .filter(u -> u.kind().territorial() && u.kind().level().ordinal() <= level.ordinal())
                        .findFirst();
            }
            case DEPARTMENT -> withFunction(lineage, UnitKind.DEPARTMENT, entry.handlerFunction());
            case UTILITY -> withFunction(lineage, UnitKind.UTILITY, entry.handlerFunction());
            case PROPERTY -> {
                Optional<Unit> community = lineage.stream()
                        .filter(u -> u.kind().level() == Level.COMMUNITY)
                        .findFirst();
                yield community
                        .flatMap(c -> snapshot().units.values().stream()
                                .filter(u -> u.kind() == UnitKind.PROPERTY
                                        && Long.valueOf(c.id()).equals(u.joinedUnitId()))
                                .findFirst())
                        .or(() -> community);
            }
        };
    }

    private Optional<Unit> deepestAt(double latitude, double longitude) {
        Snapshot s = snapshot();
        return s.index.deepestAt(longitude, latitude).map(s.units::get);
    }

    private Unit nearestCounty(double latitude, double longitude) {
        Snapshot s = snapshot();
        return s.units.values().stream()
                .filter(u -> u.kind() == UnitKind.COUNTY && s.areas.containsKey(u.id()))
                .min(Comparator.comparingDouble(u -> s.areas.get(u.id()).roughDistance(longitude, latitude)))
                .or(() -> s.units.values().stream()
                        .filter(u -> u.kind() == UnitKind.COUNTY)
                        .findFirst())
                .orElseThrow(() -> JiesuException.invalid("No county is set up yet to take requests."));
    }

    static void checkCoordinates(double latitude, double longitude) {
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
            throw JiesuException.invalid(
                    "Coordinates out of range: latitude must lie within -90..90 and longitude within "
                            + "-180..180 (got " + latitude + ", " + longitude + ").");
        }
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private Snapshot snapshot() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - loadedAt > refreshNanos) {
            long started = System.nanoTime();
            s = load();
            snapshot = s;
            loadedAt = started;
        }
        return s;
    }

    private Snapshot load() {
        Map<Long, Unit> units = new LinkedHashMap<>();
        Map<Long, Area> areas = new LinkedHashMap<>();
        jdbc.sql("""
                        select id, code, name, kind, function, parent_id, joined_unit_id, area::text as area
                        from unit order by id""").query(rs -> {
            long id = rs.getLong("id");
            String area = rs.getString("area");
            units.put(
                    id,
                    new Unit(
                            id,
                            rs.getString("code"),
                            rs.getString("name"),
                            UnitKind.valueOf(rs.getString("kind")),
                            rs.getString("function"),
                            rs.getObject("parent_id", Long.class),
                            rs.getObject("joined_unit_id", Long.class),
                            area != null));
            if (area != null) {
                areas.put(id, Area.fromGeoJson(json.readTree(area)));
            }
        });
        Map<String, Category> categories = new LinkedHashMap<>();
        jdbc.sql("select code, name, parent_code, limit_class from category order by sort_order, code")
                .query((rs, n) -> new Category(
                        rs.getString(1), rs.getString(2), rs.getString(3), LimitClass.valueOf(rs.getString(4))))
                .list()
                .forEach(c -> categories.put(c.code(), c));
        List<CatalogueEntry> catalogue = jdbc.sql("""
                        select id, category_code, scope_unit_id, handler_kind, handler_level, handler_function,
                               handler_unit_id, support_functions
                        from catalogue_entry order by id""")
                .query((rs, n) -> new CatalogueEntry(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getObject(3, Long.class),
                        HandlerKind.valueOf(rs.getString(4)),
                        rs.getString(5) == null ? null : Level.valueOf(rs.getString(5)),
                        rs.getString(6),
                        rs.getObject(7, Long.class),
                        List.of((String[]) rs.getArray(8).getArray())))
                .list();
        areas.keySet().removeIf(Predicate.not(id -> units.get(id).kind().territorial()));
        return new Snapshot(units, areas, AreaIndex.of(areas, units), categories, List.copyOf(catalogue));
    }

    /** The areas of territorial units as they are now, keyed by unit id; for checking proposed changes. */
    Map<Long, Area> currentAreas() {
        return snapshot().areas;
    }

    /** The unit tree keyed by id, in id order. */
    Map<Long, Unit> unitMap() {
        return snapshot().units;
    }

    private record Snapshot(
            Map<Long, Unit> units,
            Map<Long, Area> areas,
            AreaIndex index,
            Map<String, Category> categories,
            List<CatalogueEntry> catalogue) {}
}
