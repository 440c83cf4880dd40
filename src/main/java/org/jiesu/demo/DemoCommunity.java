package org.jiesu.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
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
 * The community work a newcomer sees on the public pages: a consultation meeting held last week whose matters are
 * the demo's own requests of that community, the next meeting, a hospital's volunteer activities in the coming
 * fortnight, an open "you pick, we test" poll and a closed one with its inspection results. Written as rows, because
 * the services refuse meetings in the past and votes without a verified phone, as they should.
 */
@Component
@Profile("demo")
@org.springframework.core.annotation.Order(50)
class DemoCommunity implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCommunity.class);

    private final JdbcClient jdbc;
    private final UnitDirectory units;
    private final Clock clock;
    private final ZoneId zone;

    DemoCommunity(
            JdbcClient jdbc, UnitDirectory units, Clock clock, @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.units = units;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        boolean done = jdbc.sql("select exists (select 1 from meeting) or exists (select 1 from poll)")
                .query(Boolean.class)
                .single();
        List<Unit> communities = kind(UnitKind.COMMUNITY);
        List<Unit> villages = kind(UnitKind.VILLAGE);
        Unit market = units.units().stream()
                .filter(u -> u.kind() == UnitKind.DEPARTMENT && u.name().contains("市场监督"))
                .min(Comparator.comparing(Unit::code))
                .orElse(null);
        if (done || communities.isEmpty() || villages.isEmpty() || market == null) {
            return;
        }
        Instant now = clock.instant();
        // The community whose grids handled most of the demo's orders holds the meeting.
        Long busiest = jdbc.sql("""
                        select p.id from work_order o join unit g on g.id = o.unit_id join unit p on p.id = g.parent_id
                         where p.kind = 'COMMUNITY' group by p.id order by count(*) desc, p.id limit 1""").query(Long.class).optional().orElse(null);
        Unit host = communities.stream()
                .filter(c -> busiest != null && c.id() == busiest)
                .findFirst()
                .orElse(communities.get(0));
        int meetings = meetings(host, now);
        volunteers(host, villages.get(0), now);
        polls(market, now);
        log.info("Demo community work: {} meetings, three volunteer activities, two polls", meetings);
    }

    private List<Unit> kind(UnitKind kind) {
        return units.units().stream()
                .filter(u -> u.kind() == kind)
                .sorted(Comparator.comparing(Unit::code))
                .toList();
    }

    /** Last week's meeting, its matters the community's three latest requests, and next week's. */
    private int meetings(Unit community, Instant now) {
        List<Long> matters = jdbc.sql("""
                        select r.id from request r
                         where exists (select 1 from work_order o join unit u on u.id = o.unit_id
                                        where o.request_id = r.id and (u.id = :community or u.parent_id = :community))
                         order by r.received_at desc limit 3""")
                .param("community", community.id())
                .query(Long.class)
                .list();
        if (matters.isEmpty()) {
            return 0;
        }
        Instant firstMatter = jdbc.sql("select min(received_at) from request where id = any(:ids)")
                .param("ids", matters.toArray(Long[]::new))
                .query(Timestamp.class)
                .single()
                .toInstant();
        Instant held = firstMatter.minus(Duration.ofHours(2));
        long meeting = insertMeeting(
                community,
                held,
                "社区党群服务中心二楼会议室",
                "小区环境和出行安全",
                now,
                36,
                "居民代表、网格员、物业和社区干部参加。居民集中反映了小区环境卫生、道路照明和停车等问题，" + "会上逐件登记为诉求，由社区跟踪办理，下次恳谈会通报结果。");
        for (long request : matters) {
            jdbc.sql("update request set channel = 'CONSULTATION_MEETING' where id = :id")
                    .param("id", request)
                    .update();
            jdbc.sql("insert into meeting_matter (meeting_id, request_id) values (:meeting, :request)")
                    .param("meeting", meeting)
                    .param("request", request)
                    .update();
        }
        Instant next = LocalDate.ofInstant(now, zone)
                .plusDays(7)
                .atTime(19, 30)
                .atZone(zone)
                .toInstant();
        insertMeeting(community, next, "社区党群服务中心二楼会议室", "冬季供暖和老旧小区改造", now, null, null);
        return 2;
    }

    private long insertMeeting(
            Unit unit, Instant at, String place, String topic, Instant now, Integer attendance, String minutes) {
        return jdbc.sql("""
                        insert into meeting (unit_id, starts_at, place, topic, attendance, minutes, reported_at,
                                             reported_by, created_at, created_by)
                        values (:unit, :at, :place, :topic, :attendance, :minutes, :reported, :by, :created, 'demo')
                        returning id""")
                .param("unit", unit.id())
                .param("at", Timestamp.from(at))
                .param("place", place)
                .param("topic", topic)
                .param("attendance", attendance)
                .param("minutes", minutes)
                .param("reported", attendance == null ? null : Timestamp.from(at.plus(Duration.ofHours(3))))
                .param("by", attendance == null ? null : "demo")
                .param("created", Timestamp.from(at.isBefore(now) ? at.minus(Duration.ofDays(5)) : now))
                .query(Long.class)
                .single();
    }

    /** A county hospital's team: a free clinic nearly full, a health check and farming guidance. */
    private void volunteers(Unit community, Unit village, Instant now) {
        long team = jdbc.sql("""
                        insert into volunteer_team (name, organisation, unit_id, created_at, created_by)
                        values ('县人民医院志愿服务队', '县人民医院', :unit, :now, 'demo') returning id""")
                .param("unit", village.parentId() == null ? village.id() : village.parentId())
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
        LocalDate today = LocalDate.ofInstant(now, zone);
        long clinic =
                activity(team, "FREE_CLINIC", "进村义诊：血压血糖测量和常见病咨询", village, "村委会院内", today.plusDays(3), 10, 12, 3);
        activity(team, "HEALTH_CHECK", "老年人免费体检", community, "社区卫生服务站", today.plusDays(6), 9, 30, 0);
        activity(team, "FARMING_GUIDANCE", "冬季温室大棚管护指导", village, "村文化活动室", today.plusDays(10), 15, 40, 0);
        String[] names = {"张医生", "李护士", "王药师"};
        for (int i = 0; i < names.length; i++) {
            jdbc.sql("""
                            insert into volunteer_signup (activity_id, display_name, code_hash, created_at)
                            values (:activity, :name, :hash, :now)""")
                    .param("activity", clinic)
                    .param("name", names[i])
                    .param("hash", sha256("demo-signup-" + clinic + "-" + i))
                    .param("now", Timestamp.from(now))
                    .update();
        }
    }

    private long activity(
            long team,
            String kind,
            String title,
            Unit where,
            String place,
            LocalDate day,
            int hour,
            int capacity,
            int signedUp) {
        Instant starts = day.atTime(hour, 0).atZone(zone).toInstant();
        return jdbc.sql("""
                        insert into volunteer_activity (team_id, kind, title, community_id, place, starts_at, ends_at,
                                                        capacity, signed_up, created_at, created_by)
                        values (:team, :kind, :title, :community, :place, :starts, :ends, :capacity, :signed, :now,
                                'demo')
                        returning id""")
                .param("team", team)
                .param("kind", kind)
                .param("title", title)
                .param("community", where.id())
                .param("place", place)
                .param("starts", Timestamp.from(starts))
                .param("ends", Timestamp.from(starts.plus(Duration.ofHours(3))))
                .param("capacity", capacity)
                .param("signed", signedUp)
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
    }

    /** An open poll with votes so far, and last month's with the inspection results published against it. */
    private void polls(Unit market, Instant now) {
        long open = poll(
                market,
                "这个冬天，您最想让我们抽检什么？",
                "市场监管局每月按居民投票结果确定抽检品种，检验结果在这里公布。",
                now.minus(Duration.ofDays(2)),
                now.plus(Duration.ofDays(12)),
                null);
        String[] openOptions = {"散装白酒", "鲜鸡蛋", "牛羊肉", "冬季蔬菜", "学校周边零食"};
        int[] openVotes = {128, 96, 75, 41, 33};
        for (int i = 0; i < openOptions.length; i++) {
            option(open, i, openOptions[i], openVotes[i], null, null, null, null);
        }
        long closed = poll(
                market,
                "十月抽检：您来点，我们来检",
                "十月投票选出的品种已全部抽检完毕，结果如下。",
                now.minus(Duration.ofDays(45)),
                now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(8)));
        option(closed, 0, "食用植物油", 211, 12, 12, 0, "全部合格");
        option(closed, 1, "散装月饼", 164, 10, 9, 1, "1批次菌落总数超标，已责令下架并立案调查");
        option(closed, 2, "瓶装饮用水", 88, 8, 8, 0, "全部合格");
    }

    private long poll(Unit unit, String title, String description, Instant opens, Instant closes, Instant published) {
        return jdbc.sql("""
                        insert into poll (unit_id, title, description, opens_at, closes_at, created_by, created_at,
                                          published_at)
                        values (:unit, :title, :description, :opens, :closes, 'demo', :opens, :published)
                        returning id""")
                .param("unit", unit.id())
                .param("title", title)
                .param("description", description)
                .param("opens", Timestamp.from(opens))
                .param("closes", Timestamp.from(closes))
                .param("published", published == null ? null : Timestamp.from(published))
                .query(Long.class)
                .single();
    }

    private void option(
            long poll,
            int position,
            String label,
            int votes,
            Integer samples,
            Integer passed,
            Integer failed,
            String note) {
        jdbc.sql("""
                        insert into poll_option (poll_id, position, label, votes, samples, passed, failed, note)
                        values (:poll, :position, :label, :votes, :samples, :passed, :failed, :note)""")
                .param("poll", poll)
                .param("position", position)
                .param("label", label)
                .param("votes", votes)
                .param("samples", samples)
                .param("passed", passed)
                .param("failed", failed)
                .param("note", note)
                .update();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
