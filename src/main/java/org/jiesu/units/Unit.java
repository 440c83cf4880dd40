package org.jiesu.units;

import org.jspecify.annotations.Nullable;

/**
 * A handling unit (承办单位).
 *
 * @param function for departments and utilities, what they are responsible for (housing, water, ...)
 * @param joinedUnitId for a property company, the community it handles matters jointly with
 */
public record Unit(
        long id,
        String code,
        String name,
        UnitKind kind,
        @Nullable String function,
        @Nullable Long parentId,
        @Nullable Long joinedUnitId,
        boolean hasArea) {}
