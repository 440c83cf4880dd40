package org.jiesu.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jiesu.Api;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Areas out and back in through the API. 嘉顺社区 (652301001001) spans 86.8–87.4 east and 43.6–44.2 north; its four
 * grids each take a band 0.15° high: the first 43.60–43.75, the second 43.75–43.90.
 */
class AreaImportTest extends JourneySupport {

    private static final String FIRST_GRID = "652301001001-01";
    private final JsonMapper json = JsonMapper.builder().build();

    private ObjectNode export() {
        Api.Response r = api.get("/api/v1/areas", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/");
        return (ObjectNode) r.body();
    }

    private static String box(double west, double south, double east, double north) {
        return String.format(
                Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}",
                west,
                south,
                east,
                south,
                east,
                north,
                west,
                north,
                west,
                south);
    }

    /** A FeatureCollection with one feature per code, each with the given geometry (raw JSON). */
    private String collection(Map<String, String> geometries) {
        ObjectNode fc = json.createObjectNode();
        fc.put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        geometries.forEach((code, geometry) -> {
            ObjectNode f = features.addObject();
            f.put("type", "Feature");
            f.putObject("properties").put("code", code);
            f.set("geometry", json.readTree(geometry));
        });
        return json.writeValueAsString(fc);
    }

    private Map<Long, String> storedAreas() {
        return jdbc
                .sql("select id, coalesce(area::text, '') from unit order by id")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Imports as the administrator and expects a refusal that changed nothing; returns the listed problems. */
    private List<String> refused(String body) {
        Map<Long, String> before = storedAreas();
        Api.Response r = api.post("/api/v1/areas/import", "admin", body);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(400);
        assertThat(r.isProblem()).isTrue();
        assertThat(storedAreas()).isEqualTo(before);
        List<String> problems =
                r.body().path("problems").valueStream().map(JsonNode::asString).toList();
        return problems.isEmpty() ? List.of(r.text("detail")) : problems;
    }

    private Map<Long, Long> gridOfEveryGridCentre() {
        return units.units().stream().filter(u -> u.kind() == UnitKind.GRID).collect(Collectors.toMap(Unit::id, u -> {
            double[] p = units.centre(u.id()).orElseThrow();
            return units.gridAt(p[0], p[1]).orElseThrow().id();
        }));
    }

    @Test
    void theExportIsAFeatureCollectionOfEveryTerritorialUnitWithAnArea() {
        JsonNode fc = export();
        assertThat(fc.path("type").asString()).isEqualTo("FeatureCollection");
        long territorial = units.units().stream()
                .filter(u -> u.kind().territorial() && u.hasArea())
                .count();
        assertThat(fc.path("features").size()).isEqualTo((int) territorial);
        JsonNode grid = fc.path("features")
                .valueStream()
                .filter(f -> f.path("properties").path("code").asString().equals(FIRST_GRID))
                .findFirst()
                .orElseThrow();
        assertThat(grid.path("properties").path("name").asString()).isEqualTo("嘉顺社区第一网格");
        assertThat(grid.path("properties").path("kind").asString()).isEqualTo("GRID");
        assertThat(grid.path("properties").path("parentId").asLong()).isEqualTo(unitId("652301001001"));
        assertThat(grid.path("geometry").path("type").asString()).isEqualTo("Polygon");

        Api.Response one = api.get("/api/v1/units/" + unitId(FIRST_GRID) + "/area", null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().path("properties").path("code").asString()).isEqualTo(FIRST_GRID);
        assertThat(api.get("/v3/api-docs", null).body().path("paths").has("/api/v1/areas/import"))
                .isTrue();
        Api.Response none = api.get("/api/v1/units/" + unitId("652300-water") + "/area", null);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.isProblem()).isTrue();
    }

    @Test
    void exportingAndImportingAgainLeavesRoutingUnchanged() {
        Map<Long, Long> before = gridOfEveryGridCentre();
        JsonNode fc = export();
        Api.Response imported = api.post("/api/v1/areas/import", "admin", json.writeValueAsString(fc));
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(200);
        assertThat(imported.body().path("count").asInt())
                .isEqualTo(fc.path("features").size());
        assertThat(gridOfEveryGridCentre()).isEqualTo(before);
        assertThat(export()).isEqualTo(fc);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'AREA_CHANGED' and subject = ?")
                        .param(FIRST_GRID)
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void anAdministratorReplacesOneAreaWithAFeature() {
        long id = unitId(FIRST_GRID);
        JsonNode feature = api.get("/api/v1/units/" + id + "/area", null).body();
        Api.Response r = api.put("/api/v1/units/" + id + "/area", "admin", json.writeValueAsString(feature));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(r.body().path("units").get(0).asString()).isEqualTo("嘉顺社区第一网格");
        double[] p = pointIn(FIRST_GRID);
        assertThat(units.gridAt(p[0], p[1]).orElseThrow().code()).isEqualTo(FIRST_GRID);
    }

    @Test
    void replacingOneGridSoThatItOverlapsItsNeighbourIsRefused() {
        Map<Long, String> before = storedAreas();
        Api.Response r = api.put("/api/v1/units/" + unitId(FIRST_GRID) + "/area", "admin", box(86.8, 43.6, 87.4, 43.8));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("detail")).contains("嘉顺社区第一网格 (652301001001-01) and 嘉顺社区第二网格 (652301001001-02) overlap");
        assertThat(storedAreas()).isEqualTo(before);
    }

    @Test
    void anImportWithOverlappingGridsNamesThemAndChangesNothing() {
        List<String> problems = refused(collection(Map.of(FIRST_GRID, box(86.8, 43.6, 87.4, 43.8))));
        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith("嘉顺社区第一网格 (652301001001-01) and 嘉顺社区第二网格 (652301001001-02) overlap (")
                .endsWith(" km²)");
    }

    @Test
    void anImportThatLeavesAGapInTheCommunitySaysWhere() {
        List<String> problems = refused(collection(Map.of(FIRST_GRID, box(86.8, 43.6, 87.4, 43.7))));
        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith("嘉顺社区 (652301001001) has a gap not covered by any grid near 87.")
                .contains(", 43.7");
    }

    @Test
    void anImportWithAGridStickingOutOfItsCommunityIsRefused() {
        List<String> problems = refused(collection(Map.of(FIRST_GRID, box(86.8, 43.5, 87.4, 43.75))));
        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith("嘉顺社区第一网格 (652301001001-01) sticks out of 嘉顺社区 (652301001001)");
    }

    @Test
    void aSelfIntersectingPolygonIsRefusedWithWhereItCrosses() {
        String bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[86.8,43.6],[87.4,43.75],[87.4,43.6],[86.8,43.75],"
                + "[86.8,43.6]]]}";
        assertThat(refused(collection(Map.of(FIRST_GRID, bowtie))))
                .singleElement()
                .asString()
                .contains("嘉顺社区第一网格")
                .contains("Self-intersection at 87.1000, 43.6750");
    }

    @Test
    void malformedGeoJsonIsRefusedWithWhatIsWrong() {
        assertThat(refused("{\"type\":\"FeatureCollection\",\"features\":["))
                .singleElement()
                .asString()
                .contains("not valid JSON");
        assertThat(refused("{\"type\":\"Polygon\",\"coordinates\":[]}"))
                .singleElement()
                .asString()
                .contains("Expected a GeoJSON FeatureCollection");
        assertThat(refused(collection(Map.of(FIRST_GRID, "{\"type\":\"Point\",\"coordinates\":[87,43]}"))))
                .singleElement()
                .asString()
                .contains("Polygon or MultiPolygon");
        assertThat(refused(collection(Map.of(
                        FIRST_GRID, "{\"type\":\"Polygon\",\"coordinates\":[[[86.8,43.6],[87,43.6],[86.8,43.6]]]}"))))
                .singleElement()
                .asString()
                .contains("needs at least 4 positions");
        assertThat(
                        refused(
                                collection(
                                        Map.of(
                                                FIRST_GRID,
                                                "{\"type\":\"Polygon\",\"coordinates\":[[[86.8,43.6],[\"87.4\",43.6],[87.4,43.75],[86.8,43.6]]]}"))))
                .singleElement()
                .asString()
                .contains("must be [longitude, latitude] numbers");
        assertThat(refused(collection(Map.of(FIRST_GRID, box(86.8, 43.6, 187.4, 43.75)))))
                .singleElement()
                .asString()
                .contains("out of range");
    }

    @Test
    void unknownCodesAndUnitsWithoutAreasAreNamed() {
        List<String> problems = refused(collection(
                Map.of("NO-SUCH-UNIT", box(86.8, 43.6, 87.4, 43.75), "652300-water", box(86.8, 43.6, 87.4, 43.75))));
        assertThat(problems)
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("no unit with code 'NO-SUCH-UNIT'"))
                .anySatisfy(p -> assertThat(p).contains("昌吉州水务集团 (652300-water) is not a territorial unit"));
    }

    @Test
    void onlyAdministratorsChangeAreas() {
        Map<Long, String> before = storedAreas();
        String body = collection(Map.of(FIRST_GRID, box(86.8, 43.6, 87.4, 43.75)));
        for (String user : Set.of("supervisor", "community", "operator")) {
            assertThat(api.post("/api/v1/areas/import", user, body).status()).isEqualTo(403);
            assertThat(api.put("/api/v1/units/" + unitId(FIRST_GRID) + "/area", user, box(86.8, 43.6, 87.4, 43.75))
                            .status())
                    .isEqualTo(403);
        }
        assertThat(api.post("/api/v1/areas/import", null, body).status()).isEqualTo(401);
        assertThat(storedAreas()).isEqualTo(before);
    }
}
