package org.jiesu.units;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;

/**
 * A made-up prefecture for benchmarks: {@code columns × rows} grids that are slightly irregular quadrilaterals tiling a
 * rectangle (the lattice's inner vertices are jittered, and shared, so neighbours meet exactly), grouped ten by ten
 * into communities whose areas follow the same jittered edges. Public so that benchmarks outside the package can
 * build the package-private index.
 */
public final class SyntheticAreas {

    /** About 330 m at these latitudes: the size of a real urban grid. */
    public static final double CELL = 0.003;

    public static final double WEST = 86.0, SOUTH = 43.5;
    private static final int COMMUNITY_CELLS = 10;

    private final AreaIndex index;
    private final int columns, rows;

    public SyntheticAreas(int columns, int rows, long seed) {
        this.columns = columns;
        this.rows = rows;
        SplittableRandom random = new SplittableRandom(seed);
        Coordinate[][] lattice = new Coordinate[columns + 1][rows + 1];
        for (int i = 0; i <= columns; i++) {
            for (int j = 0; j <= rows; j++) {
                boolean inner = i > 0 && j > 0 && i < columns && j < rows;
                double dx = inner ? (random.nextDouble() - 0.5) * CELL * 0.3 : 0;
                double dy = inner ? (random.nextDouble() - 0.5) * CELL * 0.3 : 0;
                lattice[i][j] = new Coordinate(WEST + i * CELL + dx, SOUTH + j * CELL + dy);
            }
        }
        List<AreaIndex.Entry> entries = new ArrayList<>(columns * rows + columns * rows / 100 + 1);
        long id = 1;
        for (int i = 0; i < columns; i += COMMUNITY_CELLS) {
            for (int j = 0; j < rows; j += COMMUNITY_CELLS) {
                entries.add(new AreaIndex.Entry(
                        id++,
                        UnitKind.Level.COMMUNITY.ordinal(),
                        block(
                                lattice,
                                i,
                                j,
                                Math.min(i + COMMUNITY_CELLS, columns),
                                Math.min(j + COMMUNITY_CELLS, rows))));
            }
        }
        for (int i = 0; i < columns; i++) {
            for (int j = 0; j < rows; j++) {
                entries.add(
                        new AreaIndex.Entry(id++, UnitKind.Level.GRID.ordinal(), block(lattice, i, j, i + 1, j + 1)));
            }
        }
        index = new AreaIndex(entries);
    }

    /** The polygon along the lattice around cells [i0, i1) × [j0, j1), counter-clockwise. */
    private static Area block(Coordinate[][] lattice, int i0, int j0, int i1, int j1) {
        List<Coordinate> ring = new ArrayList<>();
        for (int i = i0; i < i1; i++) {
            ring.add(lattice[i][j0]);
        }
        for (int j = j0; j < j1; j++) {
            ring.add(lattice[i1][j]);
        }
        for (int i = i1; i > i0; i--) {
            ring.add(lattice[i][j1]);
        }
        for (int j = j1; j > j0; j--) {
            ring.add(lattice[i0][j]);
        }
        ring.add(lattice[i0][j0]);
        return new Area(GeoJson.FACTORY.createPolygon(
                ring.stream().map(Coordinate::copy).toArray(Coordinate[]::new)));
    }

    public int size() {
        return index.size();
    }

    public double east() {
        return WEST + columns * CELL;
    }

    public double north() {
        return SOUTH + rows * CELL;
    }

    /** The id of the grid (or community) at the point. */
    public Optional<Long> at(double lon, double lat) {
        return index.deepestAt(lon, lat);
    }
}
