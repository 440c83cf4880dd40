package org.jiesu.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.jiesu.JiesuTest;
import org.jiesu.platform.JiesuException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@JiesuTest
class RoutingTest {

    @Autowired
    UnitDirectory units;

    private Unit byCode(String code) {
        return units.findByCode(code).orElseThrow();
    }

    private Route routeAt(String unitCode, String category) {
        double[] p = units.centre(byCode(unitCode).id()).orElseThrow();
        return units.route(p[0], p[1], null, category, Set.of());
    }

    @Test
    void everyPointOfAGridFallsInThatGridAndNoOther() {
        var grids =
                units.units().stream().filter(u -> u.kind() == UnitKind.GRID).toList();
        assertThat(grids).hasSizeGreaterThan(20);
        for (Unit grid : grids) {
            double[] p = units.centre(grid.id()).orElseThrow();
            assertThat(units.gridAt(p[0], p[1])).contains(grid);
            assertThat(routeAt(grid.code(), "ENV_WASTE").unitId()).isEqualTo(grid.id());
        }
    }

    @Test
    void aPointOnABorderFallsInTheGridWhoseLowerOrLeftEdgeItIs() {
        // 嘉顺社区's first grid spans 43.60–43.75 north, its second 43.75–43.90; 电力社区 lies east of 87.4.
        assertThat(units.gridAt(43.75, 87.1).orElseThrow().name()).isEqualTo("嘉顺社区第二网格");
        assertThat(units.gridAt(43.65, 87.4).orElseThrow().name()).isEqualTo("电力社区第一网格");
        assertThat(units.gridAt(43.75, 87.4).orElseThrow().name()).isEqualTo("电力社区第一网格");
        assertThat(units.gridAt(43.0, 87.1)).isEmpty();
    }

    @Test
    void gridMattersStayInTheGridAndCommunityMattersGoOneLevelUp() {
        Route waste = routeAt("652301001001-02", "ENV_WASTE");
        assertThat(waste.unitName()).isEqualTo("嘉顺社区第二网格");
        assertThat(waste.fallback()).isFalse();
        Route facility = routeAt("652301001001-02", "URBAN_FACILITY");
        assertThat(facility.unitName()).isEqualTo("嘉顺社区");
        assertThat(facility.placeUnitId()).isEqualTo(byCode("652301001001-02").id());
        assertThat(routeAt("652301001001-02", "URBAN_ILLEGAL_BUILDING").unitName())
                .isEqualTo("建国路街道");
    }

    @Test
    void departmentMattersGoToTheDepartmentOfThePlacesCounty() {
        assertThat(routeAt("652324001001-01", "ENV_POLLUTION").unitName()).isEqualTo("玛纳斯县生态环境局");
        assertThat(routeAt("652301002001-01", "LABOUR_WAGES").unitName()).isEqualTo("昌吉市人力资源和社会保障局");
        assertThat(routeAt("652327001002-01", "HEALTH_FOOD").unitName()).isEqualTo("吉木萨尔县市场监督管理局");
    }

    @Test
    void utilitiesAndPropertyCompaniesTakeTheirMatters() {
        assertThat(routeAt("652327001001-01", "UTILITY_HEATING").unitName()).isEqualTo("昌吉州热力公司");
        assertThat(routeAt("652301001001-03", "URBAN_PROPERTY").unitName()).isEqualTo("嘉顺物业服务有限公司");
        // 电力社区 has no property company joined to it: the community itself takes it.
        assertThat(routeAt("652301001002-01", "URBAN_PROPERTY").unitName()).isEqualTo("电力社区");
    }

    @Test
    void theCatalogueNamesSupportingUnitsBesideTheLead() {
        Route housing = routeAt("652301001001-01", "URBAN_HOUSING");
        assertThat(housing.unitName()).isEqualTo("昌吉市住房和城乡建设局");
        assertThat(housing.supportUnitIds())
                .containsExactly(byCode("652301-market").id());
        assertThat(housing.explanation()).contains("supported by 昌吉市市场监督管理局");
        // A matter with no supporting function in its entry has no supporting units.
        assertThat(routeAt("652301001001-01", "ENV_POLLUTION").supportUnitIds()).isEmpty();
        // The supporting unit is never the lead itself: food safety is led by the market regulator, health supports.
        Route food = routeAt("652327001002-01", "HEALTH_FOOD");
        assertThat(food.supportUnitIds()).doesNotContain(food.unitId()).hasSize(1);
    }

    @Test
    void aMatterNobodyIsListedForGoesToTheCountyAsFallback() {
        Route other = routeAt("652324001002-01", "OTHER");
        assertThat(other.unitName()).isEqualTo("玛纳斯县");
        assertThat(other.fallback()).isTrue();
        assertThat(other.explanation()).contains("fallback");
    }

    @Test
    void aPointOutsideEveryAreaGoesToTheNearestCountyAndSaysSo() {
        Route east = units.route(44.0, 95.0, null, "ENV_WASTE", Set.of());
        assertThat(east.fallback()).isTrue();
        assertThat(east.unitName()).isEqualTo("吉木萨尔县");
        assertThat(east.explanation()).contains("outside every area");
        Route west = units.route(44.0, 80.0, null, "ENV_WASTE", Set.of());
        assertThat(west.unitName()).isEqualTo("玛纳斯县");
    }

    @Test
    void aChosenCommunityStandsInForThePoint() {
        long community = byCode("652301001002").id();
        assertThat(units.route(null, null, community, "URBAN_FACILITY", Set.of())
                        .unitName())
                .isEqualTo("电力社区");
        // No grid is known, so a grid matter is handled by the community.
        assertThat(units.route(null, null, community, "ENV_WASTE", Set.of()).unitName())
                .isEqualTo("电力社区");
    }

    @Test
    void anExcludedUnitIsNotChosenAgain() {
        double[] p = units.centre(byCode("652301001001-01").id()).orElseThrow();
        long community = byCode("652301001001").id();
        Route again = units.route(p[0], p[1], null, "URBAN_FACILITY", Set.of(community));
        assertThat(again.unitName()).isEqualTo("昌吉市");
        assertThat(again.fallback()).isTrue();
    }

    @Test
    void badPlacesAndCategoriesAreRefused() {
        assertThatThrownBy(() -> units.route(91.0, 87.0, null, "ENV_WASTE", Set.of()))
                .isInstanceOf(JiesuException.class)
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> units.route(44.0, 87.0, null, "NO_SUCH", Set.of()))
                .isInstanceOf(JiesuException.class)
                .hasMessageContaining("no category 'NO_SUCH'");
        assertThatThrownBy(() -> units.route(null, null, null, "ENV_WASTE", Set.of()))
                .isInstanceOf(JiesuException.class)
                .hasMessageContaining("Give the place");
    }
}
