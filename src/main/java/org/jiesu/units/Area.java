package org.jiesu.units;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import tools.jackson.databind.JsonNode;

/**
 * A unit's area: a GeoJSON Polygon or MultiPolygon (longitude first) as a JTS geometry, with an indexed point
 * locator (what JTS prepared polygons use for points) so that a lookup costs a logarithm of the vertex count.
 */
final class Area {

    private final Geometry geometry;
    private final IndexedPointInAreaLocator locator;

    Area(Geometry geometry) {
        this.geometry = geometry;
        this.locator = new IndexedPointInAreaLocator(geometry);
    }

    static Area fromGeoJson(JsonNode geometry) {
        return new Area(GeoJson.read(geometry));
    }

    Geometry geometry() {
        return geometry;
    }

    Envelope envelope() {
        return geometry.getEnvelopeInternal();
    }

    /** Where the point lies: {@link Location#INTERIOR}, {@link Location#BOUNDARY} or {@link Location#EXTERIOR}. */
    int locate(double lon, double lat) {
        Envelope e = geometry.getEnvelopeInternal();
        if (!e.covers(lon, lat)) {
            return Location.EXTERIOR;
        }
        return locator.locate(new Coordinate(lon, lat));
    }

    /**
     * Points on the lower or left edge count as inside, those on the upper or right edge do not, so tiles never share
     * a point (even-odd rule with half-open crossings; holes work without being told apart). Used to settle points on
     * a border shared by several areas.
     */
    boolean contains(double lon, double lat) {
        if (!geometry.getEnvelopeInternal().covers(lon, lat)) {
            return false;
        }
        boolean inside = false;
        for (int p = 0; p < geometry.getNumGeometries(); p++) {
            Polygon polygon = (Polygon) geometry.getGeometryN(p);
            for (int r = -1; r < polygon.getNumInteriorRing(); r++) {
                Coordinate[] ring = (r < 0 ? polygon.getExteriorRing() : polygon.getInteriorRingN(r)).getCoordinates();
                for (int i = 0, j = ring.length - 1; i < ring.length; j = i++) {
                    double xi = ring[i].x, yi = ring[i].y, xj = ring[j].x, yj = ring[j].y;
                    if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) {
                        inside = !inside;
                    }
                }
            }
        }
        return inside;
    }

    /** A point inside the area as {latitude, longitude}: the middle of its bounding box when that lies inside. */
    double[] centre() {
        Envelope e = geometry.getEnvelopeInternal();
        double lon = (e.getMinX() + e.getMaxX()) / 2, lat = (e.getMinY() + e.getMaxY()) / 2;
        if (locate(lon, lat) == Location.INTERIOR) {
            return new double[] {lat, lon};
        }
        Point inner = geometry.getInteriorPoint();
        return new double[] {inner.getY(), inner.getX()};
    }

    /** Distance in degrees from the point to this area's bounding box; zero inside it. */
    double roughDistance(double lon, double lat) {
        Envelope e = geometry.getEnvelopeInternal();
        double dx = Math.max(0, Math.max(e.getMinX() - lon, lon - e.getMaxX()));
        double dy = Math.max(0, Math.max(e.getMinY() - lat, lat - e.getMaxY()));
        return Math.hypot(dx, dy);
    }
}
