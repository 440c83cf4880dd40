package org.jiesu.assessment;

/**
 * A territorial unit's area for the map.
 *
 * @param outline true for the area of the dashboard's own unit, drawn as the frame around the others
 * @param geometry GeoJSON Polygon or MultiPolygon, longitude first
 */
public record AreaShape(long unitId, String name, String kind, boolean outline, String geometry) {}
