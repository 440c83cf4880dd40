package org.jiesu.units;

import org.jspecify.annotations.Nullable;

/** A unit to add to the tree; {@code areaGeoJson} is a GeoJSON Polygon or MultiPolygon geometry. */
public record NewUnit(
        String code,
        String name,
        UnitKind kind,
        @Nullable Long parentId,
        @Nullable String function,
        @Nullable Long joinedUnitId,
        @Nullable String areaGeoJson) {}
