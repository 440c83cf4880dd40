package org.jiesu.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jiesu.units.SyntheticAreas;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Point-to-grid lookup over 100,000 grids (500 × 200 irregular quadrilaterals plus their 1,000 communities), at
 * random points inside and a little outside the prefecture. Run by hand, see docs/benchmarks.md; Surefire never runs
 * it (the name does not end in Test).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 5)
@Fork(
        value = 1,
        jvmArgs = {"-Xms1g", "-Xmx1g"})
public class GridLookupBenchmark {

    private static final int POINTS = 1 << 20;

    private SyntheticAreas areas;
    private double[] lons, lats;
    private int next;

    @Setup
    public void build() {
        areas = new SyntheticAreas(500, 200, 42);
        SplittableRandom random = new SplittableRandom(7);
        lons = new double[POINTS];
        lats = new double[POINTS];
        // A margin of 2% around the prefecture: some points fall outside every area, as real requests sometimes do.
        double w = areas.east() - SyntheticAreas.WEST, h = areas.north() - SyntheticAreas.SOUTH;
        for (int i = 0; i < POINTS; i++) {
            lons[i] = SyntheticAreas.WEST - 0.02 * w + random.nextDouble() * 1.04 * w;
            lats[i] = SyntheticAreas.SOUTH - 0.02 * h + random.nextDouble() * 1.04 * h;
        }
        // Touch every area once so that lazily built per-area indexes do not land in the measurement.
        for (int i = 0; i < POINTS; i++) {
            areas.at(lons[i], lats[i]);
        }
    }

    @Benchmark
    public Object lookup() {
        int i = next++ & (POINTS - 1);
        return areas.at(lons[i], lats[i]);
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder()
                        .include(GridLookupBenchmark.class.getName())
                        .build())
                .run();
    }
}
