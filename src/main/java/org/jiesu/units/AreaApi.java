package org.jiesu.units;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.jiesu.platform.UploadedText;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** Areas as GeoJSON. Reading is public like the unit tree; writing is for administrators (see SecurityConfig). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Areas", description = "The areas of territorial units as GeoJSON: export, import, replace")
class AreaApi {

    static final String GEO_JSON = "application/geo+json";

    private final Areas areas;

    AreaApi(Areas areas) {
        this.areas = areas;
    }

    @GetMapping(
            value = "/areas",
            produces = {GEO_JSON, "application/json"})
    @Operation(
            summary =
                    "Every territorial unit's area as a FeatureCollection (properties: id, code, name, kind, parentId)")
    ObjectNode all() {
        return areas.featureCollection();
    }

    @GetMapping(
            value = "/units/{id}/area",
            produces = {GEO_JSON, "application/json"})
    @Operation(summary = "One unit's area as a Feature")
    ObjectNode one(@PathVariable long id) {
        return areas.feature(id);
    }

    /**
     * The raw bytes, so that a file that is not text is named for what it is (whatever the Content-Type claims) and
     * malformed GeoJSON is reported by our own reader, position by position.
     */
    @PutMapping("/units/{id}/area")
    @Operation(summary = "Replace one unit's area (administrators): a GeoJSON Polygon, MultiPolygon or Feature")
    Areas.Changed replace(@PathVariable long id, @RequestBody(required = false) byte @Nullable [] body, Principal who) {
        return areas.replace(id, UploadedText.decode(body, "GeoJSON"), who.getName());
    }

    @PostMapping("/areas/import")
    @Operation(
            summary = "Replace the areas of the units a FeatureCollection names by properties.code (administrators)",
            description = "Everything is checked first: GeoJSON shape, valid polygons, known territorial units, and "
                    + "children that tile their parent without overlaps, gaps or parts sticking out. Then all areas "
                    + "are written in one transaction, or none; the problems come back in 'problems'.")
    Areas.Changed importAreas(@RequestBody(required = false) byte @Nullable [] body, Principal who) {
        return areas.importCollection(UploadedText.decode(body, "a GeoJSON file"), who.getName());
    }
}
