package org.jiesu.units;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jiesu.audit.AuditLog;
import org.jiesu.platform.FormValues;
import org.jiesu.platform.JiesuException;
import org.locationtech.jts.geom.Geometry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Areas in and out as GeoJSON. A change is checked whole before anything is written (every feature parsed, every
 * polygon valid, children tiling their parents), then written in one transaction, so routing never sees half an
 * import. Who may change areas is decided at the door (administrators only, in the security configuration).
 */
@Service
class Areas {

    static final String AREA_CHANGED = "AREA_CHANGED";
    private static final int MAX_IN_DETAIL = 20;

    private final UnitDirectory directory;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final AuditLog audit;
    private final JsonMapper json = JsonMapper.builder().build();

    Areas(UnitDirectory directory, JdbcClient jdbc, TransactionTemplate transaction, AuditLog audit) {
        this.directory = directory;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.audit = audit;
    }

    /** What an import or replacement changed. */
    record Changed(int count, List<String> units, List<String> codes) {}

    /** Every territorial unit that has an area, as one GeoJSON FeatureCollection. */
    ObjectNode featureCollection() {
        ObjectNode collection = json.createObjectNode();
        collection.put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        Map<Long, String> stored = directory.areas();
        for (Unit unit : directory.unitMap().values()) {
            if (unit.kind().territorial() && stored.containsKey(unit.id())) {
                features.add(feature(unit, stored.get(unit.id())));
            }
        }
        return collection;
    }

    ObjectNode feature(long unitId) {
        Unit unit = directory.unit(unitId);
        String area = directory.areas().get(unitId);
        if (area == null || !unit.kind().territorial()) {
            throw JiesuException.notFound(AreaCheck.label(unit) + " has no area.");
        }
        return feature(unit, area);
    }

    private ObjectNode feature(Unit unit, String area) {
        ObjectNode feature = json.createObjectNode();
        feature.put("type", "Feature");
        feature.put("id", unit.id());
        feature.set("geometry", json.readTree(area));
        ObjectNode properties = feature.putObject("properties");
        properties.put("id", unit.id());
        properties.put("code", unit.code());
        properties.put("name", unit.name());
        properties.put("kind", unit.kind().name());
        if (unit.parentId() == null) {
            properties.putNull("parentId");
        } else {
            properties.put("parentId", unit.parentId());
        }
        return feature;
    }

    /** Replaces one unit's area with a GeoJSON Geometry or Feature. */
    Changed replace(long unitId, String body, String actor) {
        Unit unit = directory.unit(unitId);
        JsonNode node = parse(body);
        List<String> problems = new ArrayList<>();
        Map<Long, Geometry> changes = new LinkedHashMap<>();
        if (!unit.kind().territorial()) {
            problems.add(notTerritorial(unit));
        } else {
            read(unit, node, problems).ifPresent(g -> changes.put(unitId, g));
        }
        return apply(changes, problems, actor);
    }

    /** Replaces the areas of the units a FeatureCollection names by {@code properties.code}: all of them, or none. */
    Changed importCollection(String body, String actor) {
        JsonNode node = parse(body);
        if (!node.path("type").asString("").equals("FeatureCollection")) {
            throw JiesuException.invalid("Expected a GeoJSON FeatureCollection, got "
                    + (node.has("type")
                            ? "'" + FormValues.shown(node.path("type").asString("")) + "'"
                            : "an object without 'type'")
                    + ".");
        }
        JsonNode features = node.path("features");
        if (!features.isArray() || features.isEmpty()) {
            throw JiesuException.invalid("The FeatureCollection has no features.");
        }
        List<String> problems = new ArrayList<>();
        Map<Long, Geometry> changes = new LinkedHashMap<>();
        Map<String, Unit> byCode = new HashMap<>();
        directory.unitMap().values().forEach(u -> byCode.putIfAbsent(u.code(), u));
        for (int i = 0; i < features.size(); i++) {
            JsonNode feature = features.get(i);
            String where = "Feature " + (i + 1);
            if (!feature.path("type").asString("").equals("Feature")) {
                problems.add(where + " is not a GeoJSON Feature.");
                continue;
            }
            JsonNode code = feature.path("properties").path("code");
            if (!code.isString() || code.asString().isBlank()) {
                problems.add(where + " has no properties.code naming its unit.");
                continue;
            }
            Optional<Unit> unit = Optional.ofNullable(byCode.get(code.asString().strip()));
            if (unit.isEmpty()) {
                problems.add(where + ": there is no unit with code '" + FormValues.shown(code.asString()) + "'.");
                continue;
            }
            if (!unit.get().kind().territorial()) {
                problems.add(notTerritorial(unit.get()));
                continue;
            }
            if (changes.containsKey(unit.get().id())) {
                problems.add(where + ": " + AreaCheck.label(unit.get()) + " appears more than once.");
                continue;
            }
            read(unit.get(), feature.path("geometry"), problems)
                    .ifPresent(g -> changes.put(unit.get().id(), g));
        }
        return apply(changes, problems, actor);
    }

    private Changed apply(Map<Long, Geometry> changes, List<String> problems, String actor) {
        if (problems.isEmpty()) {
            Map<Long, Geometry> after = new LinkedHashMap<>();
            directory.currentAreas().forEach((id, area) -> after.put(id, area.geometry()));
            after.putAll(changes);
            problems.addAll(AreaCheck.problems(directory.unitMap(), after, changes.keySet()));
        }
        if (!problems.isEmpty()) {
            // The detail stays readable for a file with thousands of faults; the problems property lists them all.
            String shown = String.join("; ", problems.subList(0, Math.min(problems.size(), MAX_IN_DETAIL)));
            String more = problems.size() > MAX_IN_DETAIL
                    ? "; and " + (problems.size() - MAX_IN_DETAIL) + " more (see 'problems')"
                    : "";
            throw JiesuException.invalid(
                    "Nothing was changed. " + problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
                            + shown + more,
                    problems);
        }
        List<String> names = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        transaction.executeWithoutResult(status -> changes.forEach((id, geometry) -> {
            Unit unit = directory.unit(id);
            jdbc.sql("update unit set area = cast(? as jsonb) where id = ?")
                    .params(json.writeValueAsString(GeoJson.write(geometry)), id)
                    .update();
            audit.record(actor, AREA_CHANGED, unit.code(), unit.name());
            names.add(unit.name());
            codes.add(unit.code());
        }));
        // After the commit, so that no reader can cache the old areas again in between.
        directory.reload();
        return new Changed(names.size(), names, codes);
    }

    private Optional<Geometry> read(Unit unit, JsonNode geometry, List<String> problems) {
        try {
            Geometry g = GeoJson.read(geometry);
            String invalid = AreaCheck.invalidity(g);
            if (invalid != null) {
                problems.add(AreaCheck.label(unit) + ": the area is not a valid polygon: " + invalid + ".");
                return Optional.empty();
            }
            return Optional.of(g);
        } catch (IllegalArgumentException e) {
            problems.add(AreaCheck.label(unit) + ": " + e.getMessage() + ".");
            return Optional.empty();
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw JiesuException.invalid("The body is empty; send GeoJSON.");
        }
        try {
            JsonNode node = json.readTree(body);
            if (!node.isObject()) {
                throw JiesuException.invalid("Expected a GeoJSON object.");
            }
            return node;
        } catch (JacksonException e) {
            throw JiesuException.invalid("The body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String notTerritorial(Unit unit) {
        return AreaCheck.label(unit) + " is not a territorial unit; only prefectures, counties, streets, townships, "
                + "communities, villages and grids own an area.";
    }
}
