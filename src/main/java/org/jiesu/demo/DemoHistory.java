package org.jiesu.demo;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jiesu.units.Route;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jiesu.units.UnitKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Five months of finished work before this one, so that the supervisor's dashboard has trends and rankings to show:
 * requests dispatched by the catalogue, signed on time or late, replied, called back and closed, with their
 * histories. They are written as rows with past times, since the live APIs only act now; every order is closed, so
 * nothing here waits on a timer or in anyone's inbox.
 */
@Component
@Profile("demo")
@org.springframework.core.annotation.Order(40)
class DemoHistory implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);

    static final int MONTHS = 5;
    static final int PER_MONTH = 16;

    private static final String SYMBOLS = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private record Matter(String category, String text) {}

    private static final List<Matter> MATTERS = List.of(
            new Matter("ENV_WASTE", "小区垃圾桶满了好几天没有清运。"),
            new Matter("ENV_NOISE", "楼下商铺晚上音响声音很大，影响休息。"),
            new Matter("URBAN_FACILITY", "单元门禁坏了，陌生人随便进出。"),
            new Matter("URBAN_FACILITY", "小区健身器材损坏，孩子玩耍有危险。"),
            new Matter("URBAN_PROPERTY", "物业不及时维修楼顶漏水。"),
            new Matter("TRANSPORT_ROAD", "路口的井盖松动，车辆经过响声很大。"),
            new Matter("UTILITY_WATER", "自来水发黄，有异味。"),
            new Matter("UTILITY_HEATING", "家里暖气不热，室温只有十四度。"),
            new Matter("LABOUR_WAGES", "工地拖欠三个月工资。"),
            new Matter("HEALTH_FOOD", "早餐店卫生条件差。"),
            new Matter("URBAN_ILLEGAL_BUILDING", "一楼住户在绿地上私搭乱建。"),
            new Matter("EDU_ENROLMENT", "孩子入学需要哪些材料，想咨询办理流程。"),
            new Matter("OTHER", "希望增加村里的路灯。"));

    /** One matter many residents near one grid kept raising in the last two months: the hot list's first entry. */
    private static final List<String> RECURRING = List.of(
            "嘉顺路旁边的搅拌站晚上还在施工，噪音太大，灰尘也多，没法休息。",
            "投诉嘉顺路搅拌站夜间施工噪音扰民，粉尘污染严重。",
            "嘉顺路搅拌站噪音大、灰尘多，晚上十一点还有罐车进出。",
            "小区旁嘉顺路的搅拌站彻夜作业，噪音和粉尘影响居民生活。",
            "嘉顺路搅拌站夜里施工太吵了，窗户上全是灰。",
            "反映嘉顺路混凝土搅拌站噪音扰民、灰尘污染的问题。",
            "嘉顺路搅拌站深夜施工扰民，希望环保部门管一管。",
            "嘉顺路搅拌站的罐车半夜进出，噪音大，路上全是泥灰。",
            "嘉顺路搅拌站晚上施工噪音扰民，老人孩子都睡不好。");

    private final JdbcClient jdbc;
    private final UnitDirectory units;
    private final Clock clock;
    private final ZoneId zone;

    DemoHistory(JdbcClient jdbc, UnitDirectory units, Clock clock, @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.units = units;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        YearMonth thisMonth = YearMonth.from(Instant.now(clock).atZone(zone));
        Instant monthStart = thisMonth.atDay(1).atStartOfDay(zone).toInstant();
        long earlier = jdbc.sql("select count(*) from work_order where dispatched_at < ?")
                .param(Timestamp.from(monthStart))
                .query(Long.class)
                .single();
        if (earlier > 0 || units.findByCode("652301001001-01").isEmpty()) {
            return;
        }
        List<Unit> grids = units.units().stream()
                .filter(u -> u.kind() == UnitKind.GRID)
                .sorted((a, b) -> a.code().compareTo(b.code()))
                .toList();
        Random random = new Random(20261123L);
        int made = 0;
        for (int back = MONTHS; back >= 1; back--) {
            YearMonth month = thisMonth.minusMonths(back);
            for (int i = 0; i < PER_MONTH; i++) {
                Unit grid = grids.get(random.nextInt(grids.size()));
                Matter matter = MATTERS.get(random.nextInt(MATTERS.size()));
                Instant at = month.atDay(1 + random.nextInt(month.lengthOfMonth()))
                        .atTime(8 + random.nextInt(10), random.nextInt(60))
                        .atZone(zone)
                        .toInstant();
                record(grid, matter, at, back, random);
                made++;
            }
        }
        Unit hotGrid = units.findByCode("652301001001-01").orElseThrow();
        for (int i = 0; i < RECURRING.size(); i++) {
            YearMonth month = thisMonth.minusMonths(i < 3 ? 2 : 1);
            Instant at = month.atDay(3 + (i * 3) % 25)
                    .atTime(8 + random.nextInt(12), random.nextInt(60))
                    .atZone(zone)
                    .toInstant();
            record(hotGrid, new Matter("ENV_NOISE", RECURRING.get(i)), at, i < 3 ? 2 : 1, random);
            made++;
        }
        log.info("Demo history created: {} closed orders over the {} months before this one", made, MONTHS);
    }

    private void record(Unit grid, Matter matter, Instant at, int back, Random random) {
        double[] p = units.centre(grid.id()).orElseThrow();
        double lat = p[0] + (random.nextDouble() - 0.5) * 0.01;
        double lon = p[1] + (random.nextDouble() - 0.5) * 0.01;
        Route route;
        try {
            route = units.route(lat, lon, null, matter.category(), Set.of());
        } catch (RuntimeException e) {
            route = units.route(p[0], p[1], null, matter.category(), Set.of());
        }
        String limitClass = units.category(matter.category()).limitClass().name();
        long requestId = jdbc.sql("""
                        insert into request (tracking_code, channel, type, text, category_code, urgency, latitude,
                                             longitude, address, confidential, status, received_at, received_by)
                        values (?, ?, 'HELP', ?, ?, 'NORMAL', ?, ?, ?, false, 'DISPATCHED', ?, 'operator')
                        returning id""")
                .params(
                        trackingCode(at, random),
                        random.nextInt(3) == 0 ? "WEB" : "HOTLINE",
                        matter.text(),
                        matter.category(),
                        lat,
                        lon,
                        grid.name(),
                        Timestamp.from(at))
                .query(Long.class)
                .single();

        // Units differ: some sign almost always at once, some often late, so the rankings have something to rank.
        long unitId = route.unitId();
        double punctual = 0.6 + (unitId % 4) * 0.12;
        Instant dispatched = at.plus(Duration.ofMinutes(5 + random.nextInt(40)));
        Instant signBy = dispatched.plus(Duration.ofHours(2));
        Instant signed = random.nextDouble() < punctual
                ? dispatched.plus(Duration.ofMinutes(5 + random.nextInt(100)))
                : dispatched.plus(Duration.ofMinutes(130 + random.nextInt(600)));
        Instant replyBy = dispatched.plus(Duration.ofDays("UTILITY".equals(limitClass) ? 1 : 9));
        Instant replied = signed.plus(Duration.ofHours(3 + random.nextInt(back == 1 ? 60 : 150)));
        Instant calledBack = replied.plus(Duration.ofHours(20 + random.nextInt(30)));
        boolean resolved = random.nextDouble() < 0.7 + (unitId % 3) * 0.1;
        double r = random.nextDouble();
        String satisfaction = resolved
                ? (r < 0.68 ? "SATISFIED" : r < 0.94 ? "BASICALLY_SATISFIED" : "DISSATISFIED")
                : (r < 0.35 ? "BASICALLY_SATISFIED" : "DISSATISFIED");
        boolean unreachable = random.nextInt(25) == 0;

        long orderId = jdbc.sql("""
                        insert into work_order (request_id, unit_id, role, state, limit_class, route_note, fallback,
                                                dispatched_at, sign_deadline, reply_deadline, signed_at, replied_at,
                                                closed_at, reply)
                        values (?, ?, 'LEAD', 'CLOSED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        returning id""")
                .params(
                        requestId,
                        unitId,
                        limitClass,
                        route.explanation(),
                        route.fallback(),
                        Timestamp.from(dispatched),
                        Timestamp.from(signBy),
                        Timestamp.from(replyBy),
                        Timestamp.from(signed),
                        Timestamp.from(replied),
                        Timestamp.from(calledBack),
                        "已到现场核实并处理，已向诉求人说明情况。")
                .query(Long.class)
                .single();
        jdbc.sql("insert into order_request (order_id, request_id) values (?, ?)")
                .params(orderId, requestId)
                .update();
        history(orderId, dispatched, "operator", "DISPATCH", null, "DISPATCHED", unitId, route.explanation());
        history(orderId, signed, "demo", "SIGN", "DISPATCHED", "SIGNED", unitId, "");
        history(orderId, replied, "demo", "REPLY", "SIGNED", "REPLIED", unitId, "已到现场核实并处理，已向诉求人说明情况。");
        history(orderId, calledBack, "operator", "CALLBACK", "REPLIED", "REPLIED", unitId, "");
        history(orderId, calledBack, "operator", "CLOSE", "REPLIED", "CLOSED", unitId, "");
        jdbc.sql("""
                        insert into callback (order_id, request_id, round, at, actor, outcome, satisfaction, note)
                        values (?, ?, 0, ?, 'operator', ?, ?, '')""")
                .params(
                        orderId,
                        requestId,
                        Timestamp.from(calledBack),
                        unreachable ? "UNREACHABLE" : resolved ? "RESOLVED" : "UNRESOLVED",
                        unreachable ? null : satisfaction)
                .update();
    }

    private void history(
            long orderId, Instant at, String actor, String action, String from, String to, long unitId, String why) {
        jdbc.sql("""
                        insert into order_history (order_id, at, actor, action, from_state, to_state, unit_id, reason)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(orderId, Timestamp.from(at), actor, action, from, to, unitId, why)
                .update();
    }

    private String trackingCode(Instant at, Random random) {
        StringBuilder code = new StringBuilder("JS")
                .append(java.time.format.DateTimeFormatter.ofPattern("yyMMdd").format(at.atZone(zone)));
        for (int group = 0; group < 3; group++) {
            code.append('-');
            for (int i = 0; i < 6; i++) {
                code.append(SYMBOLS.charAt(random.nextInt(SYMBOLS.length())));
            }
        }
        return code.toString();
    }
}
