package org.jiesu.units;

import java.util.ArrayList;
import java.util.List;
import org.jiesu.platform.FormValues;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads GeoJSON Polygon and MultiPolygon geometries (RFC 7946, longitude first) into JTS geometries. Written here
 * rather than taken from jts-io because that reader brings its own JSON library; this one reads Jackson trees and
 * says exactly which position is wrong.
 */
final class GeoJson {

    static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private GeoJson() {}

    /** The geometry of a GeoJSON Geometry object or of a Feature; refuses anything but (Multi)Polygons. */
    static Geometry read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a GeoJSON object");
        }
        String type = node.path("type").asString("");
        if (type.equals("Feature")) {
            JsonNode geometry = node.path("geometry");
            if (!geometry.isObject()) {
                throw new IllegalArgumentException("the Feature has no geometry");
            }
            return read(geometry);
        }
        JsonNode coordinates = node.path("coordinates");
        return switch (type) {
            case "Polygon" -> polygon(coordinates, "coordinates");
            case "MultiPolygon" -> {
                if (!coordinates.isArray() || coordinates.isEmpty()) {
                    throw new IllegalArgumentException("a MultiPolygon needs at least one polygon in 'coordinates'");
                }
                Polygon[] parts = new Polygon[coordinates.size()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = polygon(coordinates.get(i), "coordinates[" + i + "]");
                }
                yield FACTORY.createMultiPolygon(parts);
            }
            case "" -> throw new IllegalArgumentException("the geometry has no 'type'");
            default ->
                throw new IllegalArgumentException(
                        "An area must be a Polygon or MultiPolygon, not '" + FormValues.shown(type) + "'");
        };
    }

    private static Polygon polygon(JsonNode rings, String where) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new IllegalArgumentException("a Polygon needs at least one ring in '" + where + "'");
        }
        LinearRing shell = ring(rings.get(0), where + "[0]");
        List<LinearRing> holes = new ArrayList<>();
        for (int i = 1; i < rings.size(); i++) {
            holes.add(ring(rings.get(i), where + "[" + i + "]"));
        }
        return FACTORY.createPolygon(shell, holes.toArray(LinearRing[]::new));
    }

    private static LinearRing ring(JsonNode ring, String where) {
        if (!ring.isArray() || ring.size() < 4) {
            throw new IllegalArgumentException("the ring at " + where
                    + " needs at least 4 positions (first = last), has " + (ring.isArray() ? ring.size() : 0));
        }
        Coordinate[] points = new Coordinate[ring.size()];
        for (int i = 0; i < points.length; i++) {
            points[i] = position(ring.get(i), where + "[" + i + "]");
        }
        if (!points[0].equals2D(points[points.length - 1])) {
            throw new IllegalArgumentException(
                    "the ring at " + where + " is not closed: its last position must repeat its first");
        }
        return FACTORY.createLinearRing(points);
    }

    private static Coordinate position(JsonNode p, String where) {
        if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            throw new IllegalArgumentException("the position at " + where + " must be [longitude, latitude] numbers");
        }
        double lon = p.get(0).asDouble(), lat = p.get(1).asDouble();
        if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("the position at " + where + " is out of range (" + lon + ", " + lat
                    + "): longitude must lie within -180..180 and latitude within -90..90");
        }
        return new Coordinate(lon, lat);
    }

    /** The geometry as a GeoJSON object with only {@code type} and {@code coordinates}, the form areas are stored in. */
    static ObjectNode write(Geometry geometry) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode out = nodes.objectNode();
        if (geometry instanceof Polygon polygon) {
            out.put("type", "Polygon");
            out.set("coordinates", rings(polygon, nodes));
        } else {
            out.put("type", "MultiPolygon");
            ArrayNode parts = out.putArray("coordinates");
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                parts.add(rings((Polygon) geometry.getGeometryN(i), nodes));
            }
        }
        return out;
    }

    private static ArrayNode rings(Polygon polygon, JsonNodeFactory nodes) {
        ArrayNode rings = nodes.arrayNode();
        for (int r = -1; r < polygon.getNumInteriorRing(); r++) {
            ArrayNode ring = rings.addArray();
            for (Coordinate c : (r < 0 ? polygon.getExteriorRing() : polygon.getInteriorRingN(r)).getCoordinates()) {
                ring.addArray().add(c.x).add(c.y);
            }
        }
        return rings;
    }
}
