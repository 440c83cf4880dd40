package org.jiesu.units;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Checks proposed areas against the rule that makes routing by place work: the areas of a unit's territorial children
 * tile the unit's own area, without overlaps, gaps, or parts sticking out. Differences smaller than {@link
 * #TOLERANCE_KM2} are floating-point slivers from rounded coordinates, not real disagreements.
 */
final class AreaCheck {

    /** 100 m²: far below a real grid (a few hectares at least), far above rounding of coordinates to 1e-6°. */
    static final double TOLERANCE_KM2 = 0.0001;

    private static final double KM_PER_DEGREE = 111.32;

    private final Map<Long, Unit> units;
    private final Map<Long, Geometry> areas;
    private final Map<Long, List<Unit>> childrenWithAreas;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param units the whole unit tree
     * @param areas every area as it would be after the change: the stored ones with the proposed ones laid over them
     */
    private AreaCheck(Map<Long, Unit> units, Map<Long, Geometry> areas) {
        this.units = units;
        this.areas = areas;
        // Grouped once: an import of a whole prefecture checks every parent, and scanning the tree for each is
        // quadratic.
        this.childrenWithAreas = units.values().stream()
                .filter(u -> u.parentId() != null && u.kind().territorial() && areas.containsKey(u.id()))
                .collect(Collectors.groupingBy(Unit::parentId));
    }

    /** The reason a geometry is not a usable area (self-intersection, ring crossing...), or null when it is. */
    static String invalidity(Geometry geometry) {
        TopologyValidationError error = new IsValidOp(geometry).getValidationError();
        if (error == null) {
            return null;
        }
        Coordinate at = error.getCoordinate();
        return error.getMessage() + (at == null ? "" : " at " + position(at.x, at.y));
    }

    /** Problems with the tiling around every changed unit: its siblings and parent, and its own children. */
    static List<String> problems(Map<Long, Unit> units, Map<Long, Geometry> areas, Iterable<Long> changed) {
        TreeSet<Long> parents = new TreeSet<>();
        for (long id : changed) {
            Long parent = units.get(id).parentId();
            if (parent != null && areas.containsKey(parent)) {
                parents.add(parent);
            }
            parents.add(id);
        }
        AreaCheck check = new AreaCheck(units, areas);
        parents.forEach(check::checkChildrenOf);
        return check.problems;
    }

    private void checkChildrenOf(long parentId) {
        Unit parent = units.get(parentId);
        Geometry outer = areas.get(parentId);
        List<Unit> children = childrenWithAreas.getOrDefault(parentId, List.of());
        if (outer == null || children.isEmpty()) {
            return;
        }
        try {
            for (Unit child : children) {
                double out = km2(areas.get(child.id()).difference(outer));
                if (out > TOLERANCE_KM2) {
                    problems.add(label(child) + " sticks out of " + label(parent) + " (" + km2Text(out) + ")");
                }
            }
            STRtree tree = new STRtree();
            for (Unit child : children) {
                tree.insert(areas.get(child.id()).getEnvelopeInternal(), child);
            }
            for (Unit a : children) {
                Geometry ga = areas.get(a.id());
                for (Object item : tree.query(ga.getEnvelopeInternal())) {
                    Unit b = (Unit) item;
                    if (b.id() <= a.id()) {
                        continue;
                    }
                    double both = km2(ga.intersection(areas.get(b.id())));
                    if (both > TOLERANCE_KM2) {
                        problems.add(label(a) + " and " + label(b) + " overlap (" + km2Text(both) + ")");
                    }
                }
            }
            Geometry covered = UnaryUnionOp.union(
                    children.stream().map(u -> areas.get(u.id())).toList());
            Geometry gaps = outer.difference(covered);
            for (int i = 0; i < gaps.getNumGeometries(); i++) {
                Geometry gap = gaps.getGeometryN(i);
                double size = km2(gap);
                if (size > TOLERANCE_KM2) {
                    Coordinate near = gap.getInteriorPoint().getCoordinate();
                    problems.add(label(parent) + " has a gap not covered by any " + childWord(children.get(0))
                            + " near " + position(near.x, near.y) + " (" + km2Text(size) + ")");
                }
            }
        } catch (RuntimeException e) {
            // JTS overlay gives up on nearly degenerate input; say so rather than fail the whole request.
            problems.add("The areas inside " + label(parent) + " could not be compared: " + e.getMessage());
        }
    }

    /** Area in km², with degrees scaled by the cosine of the latitude: good enough to tell a sliver from a street. */
    static double km2(Geometry g) {
        if (g.isEmpty()) {
            return 0;
        }
        double lat = g.getCentroid().getY();
        return g.getArea() * KM_PER_DEGREE * KM_PER_DEGREE * Math.cos(Math.toRadians(lat));
    }

    private static String km2Text(double km2) {
        return String.format(Locale.ROOT, "%.4f km²", km2);
    }

    static String position(double lon, double lat) {
        return String.format(Locale.ROOT, "%.4f, %.4f", lon, lat);
    }

    static String label(Unit unit) {
        return unit.name() + " (" + unit.code() + ")";
    }

    private static String childWord(Unit child) {
        return switch (child.kind().level()) {
            case GRID -> "grid";
            case COMMUNITY -> "community or village";
            case STREET -> "street or township";
            case COUNTY -> "county";
            case PREFECTURE -> "prefecture";
        };
    }
}
