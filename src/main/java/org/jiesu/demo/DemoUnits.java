package org.jiesu.demo;

import java.util.List;
import java.util.Locale;
import org.jiesu.units.NewUnit;
import org.jiesu.units.UnitDirectory;
import org.jiesu.units.UnitKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A demo prefecture that looks real: 昌吉州 with three counties, their streets and townships, communities and
 * villages, 2 to 4 grids each, county departments, utilities and a property company. Areas are synthetic
 * rectangles that tile each parent exactly, so every point inside the prefecture falls in exactly one grid.
 */
@Component
@Profile("demo")
@Order(10)
class DemoUnits implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoUnits.class);

    record Community(String name, UnitKind kind, int grids) {}

    record Street(String name, UnitKind kind, List<Community> communities) {}

    record County(String code, String name, double west, double east, List<Street> streets) {}

    static final double SOUTH = 43.6, NORTH = 44.8;

    static final List<County> COUNTIES = List.of(
            new County(
                    "652324",
                    "玛纳斯县",
                    85.6,
                    86.8,
                    List.of(
                            new Street(
                                    "包家店镇",
                                    UnitKind.TOWNSHIP,
                                    List.of(
                                            new Community("包家店村", UnitKind.VILLAGE, 3),
                                            new Community("十八户村", UnitKind.VILLAGE, 2))),
                            new Street(
                                    "玛纳斯镇",
                                    UnitKind.TOWNSHIP,
                                    List.of(
                                            new Community("文化路社区", UnitKind.COMMUNITY, 3),
                                            new Community("新区社区", UnitKind.COMMUNITY, 2))))),
            new County(
                    "652301",
                    "昌吉市",
                    86.8,
                    88.0,
                    List.of(
                            new Street(
                                    "建国路街道",
                                    UnitKind.STREET,
                                    List.of(
                                            new Community("嘉顺社区", UnitKind.COMMUNITY, 4),
                                            new Community("电力社区", UnitKind.COMMUNITY, 3))),
                            new Street(
                                    "延安北路街道",
                                    UnitKind.STREET,
                                    List.of(
                                            new Community("龙河社区", UnitKind.COMMUNITY, 2),
                                            new Community("北京南路社区", UnitKind.COMMUNITY, 3))))),
            new County(
                    "652327",
                    "吉木萨尔县",
                    88.0,
                    89.6,
                    List.of(
                            new Street(
                                    "二工镇",
                                    UnitKind.TOWNSHIP,
                                    List.of(
                                            new Community("二工村", UnitKind.VILLAGE, 2),
                                            new Community("头工村", UnitKind.VILLAGE, 3))),
                            new Street(
                                    "北庭镇",
                                    UnitKind.TOWNSHIP,
                                    List.of(
                                            new Community("北庭社区", UnitKind.COMMUNITY, 3),
                                            new Community("西大街社区", UnitKind.COMMUNITY, 2))))));

    static final List<String[]> DEPARTMENTS = List.of(
            new String[] {"housing", "住房和城乡建设局"},
            new String[] {"environment", "生态环境局"},
            new String[] {"market", "市场监督管理局"},
            new String[] {"transport", "交通运输局"},
            new String[] {"education", "教育局"},
            new String[] {"labour", "人力资源和社会保障局"},
            new String[] {"health", "卫生健康委员会"},
            new String[] {"commerce", "商务和工业信息化局"});

    private static final String[] GRID_NUMBERS = {"一", "二", "三", "四"};

    private final UnitDirectory units;

    DemoUnits(UnitDirectory units) {
        this.units = units;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!units.units().isEmpty()) {
            return;
        }
        long prefecture = units.add(unit(
                "652300",
                "昌吉回族自治州",
                UnitKind.PREFECTURE,
                null,
                null,
                box(
                        COUNTIES.get(0).west(),
                        SOUTH,
                        COUNTIES.get(COUNTIES.size() - 1).east(),
                        NORTH)));
        units.add(unit("652300-12345", "昌吉州12345政务服务便民热线", UnitKind.HOTLINE, prefecture, null, null));
        units.add(unit("652300-DB", "昌吉州接诉即办督办室", UnitKind.OFFICE, prefecture, null, null));
        units.add(unit("652300-water", "昌吉州水务集团", UnitKind.UTILITY, prefecture, "water", null));
        units.add(unit("652300-power", "国网昌吉供电公司", UnitKind.UTILITY, prefecture, "power", null));
        units.add(unit("652300-heating", "昌吉州热力公司", UnitKind.UTILITY, prefecture, "heating", null));
        for (County county : COUNTIES) {
            long countyId = units.add(unit(
                    county.code(),
                    county.name(),
                    UnitKind.COUNTY,
                    prefecture,
                    null,
                    box(county.west(), SOUTH, county.east(), NORTH)));
            for (String[] dept : DEPARTMENTS) {
                units.add(unit(
                        county.code() + "-" + dept[0],
                        county.name() + dept[1],
                        UnitKind.DEPARTMENT,
                        countyId,
                        dept[0],
                        null));
            }
            addStreets(county, countyId);
        }
        long jiashun = units.findByCode("652301001001").orElseThrow().id();
        units.add(new NewUnit("652301001001-P", "嘉顺物业服务有限公司", UnitKind.PROPERTY, jiashun, null, jiashun, null));
        log.info("Demo prefecture created: {} units", units.units().size());
    }

    private void addStreets(County county, long countyId) {
        double height = (NORTH - SOUTH) / county.streets().size();
        for (int s = 0; s < county.streets().size(); s++) {
            Street street = county.streets().get(s);
            double south = SOUTH + s * height, north = south + height;
            String streetCode = county.code() + String.format(Locale.ROOT, "%03d", s + 1);
            long streetId = units.add(unit(
                    streetCode,
                    street.name(),
                    street.kind(),
                    countyId,
                    null,
                    box(county.west(), south, county.east(), north)));
            double width =
                    (county.east() - county.west()) / street.communities().size();
            for (int c = 0; c < street.communities().size(); c++) {
                Community community = street.communities().get(c);
                double west = county.west() + c * width, east = west + width;
                String communityCode = streetCode + String.format(Locale.ROOT, "%03d", c + 1);
                long communityId = units.add(unit(
                        communityCode,
                        community.name(),
                        community.kind(),
                        streetId,
                        null,
                        box(west, south, east, north)));
                double gridHeight = (north - south) / community.grids();
                for (int g = 0; g < community.grids(); g++) {
                    double gs = south + g * gridHeight;
                    units.add(unit(
                            communityCode + String.format(Locale.ROOT, "-%02d", g + 1),
                            community.name() + "第" + GRID_NUMBERS[g] + "网格",
                            UnitKind.GRID,
                            communityId,
                            null,
                            box(west, gs, east, gs + gridHeight)));
                }
            }
        }
    }

    private static NewUnit unit(String code, String name, UnitKind kind, Long parent, String function, String area) {
        return new NewUnit(code, name, kind, parent, function, null, area);
    }

    private static String box(double west, double south, double east, double north) {
        return String.format(
                Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f]]]}",
                west,
                south,
                east,
                south,
                east,
                north,
                west,
                north,
                west,
                south);
    }
}
