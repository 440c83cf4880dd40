package org.jiesu.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AreaTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private Area area(String geometry) {
        return Area.fromGeoJson(json.readTree(geometry));
    }

    @Test
    void aPointInsideAPolygonIsInside() {
        Area square = area("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}");
        assertThat(square.contains(1, 1)).isTrue();
        assertThat(square.contains(3, 1)).isFalse();
        assertThat(square.contains(1, -0.5)).isFalse();
    }

    @Test
    void aHoleIsOutside() {
        Area ring = area("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[4,0],[4,4],[0,4],[0,0]],"
                + "[[1,1],[3,1],[3,3],[1,3],[1,1]]]}");
        assertThat(ring.contains(2, 2)).isFalse();
        assertThat(ring.contains(0.5, 0.5)).isTrue();
    }

    @Test
    void aConcavePolygonExcludesItsNotch() {
        Area l = area("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,0],[2,1],[1,1],[1,2],[0,2],[0,0]]]}");
        assertThat(l.contains(0.5, 1.5)).isTrue();
        assertThat(l.contains(1.5, 1.5)).isFalse();
    }

    @Test
    void multiPolygonsCoverEachPart() {
        Area two = area("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]],"
                + "[[[5,5],[6,5],[6,6],[5,6],[5,5]]]]}");
        assertThat(two.contains(0.5, 0.5)).isTrue();
        assertThat(two.contains(5.5, 5.5)).isTrue();
        assertThat(two.contains(3, 3)).isFalse();
    }

    @Test
    void anythingButAPolygonIsRefused() {
        assertThatThrownBy(() -> area("{\"type\":\"Point\",\"coordinates\":[1,1]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Polygon");
    }
}
