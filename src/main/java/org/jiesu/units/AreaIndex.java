package org.jiesu.units;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Point lookups over the areas of territorial units: an STR-tree of bounding boxes narrows thousands of areas to the
 * few whose box holds the point, and each area's indexed locator settles them. Built once per snapshot and read
 * only afterwards, so it is safe to share between threads.
 *
 * <p>The deepest level that covers the point wins (a grid over its community). A point exactly on a border shared at
 * that level goes to one area only, chosen by rule and not by chance: the area for which the point lies on its lower
 * or left edge ({@link Area#contains}), and failing that (a vertex where irregular areas meet) the lowest unit id.
 */
final class AreaIndex {

    /** One indexed area: the unit it belongs to and the depth of its level (higher is deeper). */
    record Entry(long unitId, int depth, Area area) {}

    private final STRtree tree;

    AreaIndex(List<Entry> entries) {
        tree = new STRtree(Math.max(2, Math.min(10, entries.size())));
        for (Entry entry : entries) {
            tree.insert(entry.area().envelope(), entry);
        }
        tree.build();
    }

    static AreaIndex of(Map<Long, Area> areas, Map<Long, Unit> units) {
        List<Entry> entries = new ArrayList<>(areas.size());
        areas.forEach((id, area) ->
                entries.add(new Entry(id, units.get(id).kind().level().ordinal(), area)));
        return new AreaIndex(entries);
    }

    /** The id of the deepest area holding the point, settled as the class comment says. */
    Optional<Long> deepestAt(double lon, double lat) {
        List<Entry> covering = new ArrayList<>(4);
        int[] deepest = {-1};
        tree.query(new Envelope(lon, lon, lat, lat), item -> {
            Entry e = (Entry) item;
            if (e.depth() < deepest[0]) {
                return;
            }
            int where = e.area().locate(lon, lat);
            if (where == Location.EXTERIOR) {
                return;
            }
            if (e.depth() > deepest[0]) {
                covering.clear();
                deepest[0] = e.depth();
            }
            covering.add(e);
        });
        if (covering.size() <= 1) {
            return covering.stream().map(Entry::unitId).findFirst();
        }
        return covering.stream()
                .sorted(Comparator.comparingLong(Entry::unitId))
                .filter(e -> e.area().locate(lon, lat) == Location.INTERIOR
                        || e.area().contains(lon, lat))
                .findFirst()
                .or(() -> covering.stream().min(Comparator.comparingLong(Entry::unitId)))
                .map(Entry::unitId);
    }

    int size() {
        return tree.size();
    }
}
