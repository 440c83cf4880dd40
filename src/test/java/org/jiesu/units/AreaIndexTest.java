package org.jiesu.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Four grids tiling one community, two by two, each 1 × 1: the rule "a point falls in exactly one grid". */
class AreaIndexTest {

    private static final int COMMUNITY = 0, GRID = 4;
    private final JsonMapper json = JsonMapper.builder().build();
    private final AreaIndex index;

    AreaIndexTest() {
        List<AreaIndex.Entry> entries = new ArrayList<>();
        entries.add(new AreaIndex.Entry(100, 3, box(0, 0, 2, 2)));
        // Ids chosen against the grain of position, so that "lowest id" and "lower-left edge" disagree.
        entries.add(new AreaIndex.Entry(14, GRID, box(0, 0, 1, 1)));
        entries.add(new AreaIndex.Entry(13, GRID, box(1, 0, 2, 1)));
        entries.add(new AreaIndex.Entry(12, GRID, box(0, 1, 1, 2)));
        entries.add(new AreaIndex.Entry(11, GRID, box(1, 1, 2, 2)));
        index = new AreaIndex(entries);
    }

    private Area box(double west, double south, double east, double north) {
        return Area.fromGeoJson(json.readTree(String.format(
                Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}",
                west,
                south,
                east,
                south,
                east,
                north,
                west,
                north,
                west,
                south)));
    }

    @Test
    void aPointInsideAGridFindsThatGrid() {
        assertThat(index.deepestAt(0.5, 0.5)).contains(14L);
        assertThat(index.deepestAt(1.5, 0.5)).contains(13L);
        assertThat(index.deepestAt(0.5, 1.5)).contains(12L);
        assertThat(index.deepestAt(1.5, 1.5)).contains(11L);
    }

    @Test
    void aPointOnTheBorderBetweenTwoGridsGoesToTheGridWhoseLowerOrLeftEdgeItIs() {
        // Vertical border x = 1: the grid to the right owns it (its left edge).
        assertThat(index.deepestAt(1, 0.5)).contains(13L);
        assertThat(index.deepestAt(1, 1.5)).contains(11L);
        // Horizontal border y = 1: the grid above owns it (its lower edge).
        assertThat(index.deepestAt(0.5, 1)).contains(12L);
        assertThat(index.deepestAt(1.5, 1)).contains(11L);
    }

    @Test
    void aCornerSharedByFourGridsGoesToExactlyOneOfThem() {
        assertThat(index.deepestAt(1, 1)).contains(11L);
    }

    @Test
    void theOuterBorderBelongsToTheGridsItBounds() {
        assertThat(index.deepestAt(0, 0.5)).contains(14L);
        assertThat(index.deepestAt(2, 1.5)).contains(11L);
        assertThat(index.deepestAt(2, 2)).contains(11L);
    }

    @Test
    void aPointOutsideEveryAreaFindsNothing() {
        assertThat(index.deepestAt(3, 3)).isEmpty();
        assertThat(index.deepestAt(-0.0001, 1)).isEmpty();
    }

    @Test
    void theDeepestLevelWinsAndTheParentAnswersWhereItHasNoChildren() {
        AreaIndex partial = new AreaIndex(List.of(
                new AreaIndex.Entry(1, COMMUNITY, box(0, 0, 2, 2)), new AreaIndex.Entry(2, GRID, box(0, 0, 1, 1))));
        assertThat(partial.deepestAt(0.5, 0.5)).contains(2L);
        assertThat(partial.deepestAt(1.5, 1.5)).contains(1L);
    }

    @Test
    void aConcaveAreaDoesNotOwnItsNotchThoughItsBoxCoversIt() {
        Area l = Area.fromGeoJson(
                json.readTree("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,0],[2,1],[1,1],[1,2],[0,2],[0,0]]]}"));
        AreaIndex one = new AreaIndex(List.of(new AreaIndex.Entry(7, GRID, l)));
        assertThat(one.deepestAt(0.5, 1.5)).contains(7L);
        assertThat(one.deepestAt(1.5, 1.5)).isEmpty();
    }
}
