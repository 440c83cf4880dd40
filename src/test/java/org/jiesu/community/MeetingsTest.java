package org.jiesu.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jiesu.Browser;
import org.jiesu.JiesuTest;
import org.jiesu.TestClock;
import org.jiesu.callback.CallbackForm;
import org.jiesu.callback.Callbacks;
import org.jiesu.callback.Outcome;
import org.jiesu.callback.Satisfaction;
import org.jiesu.dispatch.DispatchCommand;
import org.jiesu.dispatch.Order;
import org.jiesu.dispatch.Orders;
import org.jiesu.intake.ResidentRequest;
import org.jiesu.platform.InputProblem;
import org.jiesu.platform.InputRefusal;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Consultation meetings on the demo prefecture and real PostgreSQL: a matter raised at a meeting becomes a request on
 * the meeting channel, is dispatched, replied and closed, and the meeting's public page, fetched over HTTP without
 * signing in, reports each step; a confidential matter shows only its status there; bad input is refused with a
 * clear message and nothing written.
 */
@JiesuTest
class MeetingsTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Meetings meetings;

    @Autowired
    Orders orders;

    @Autowired
    Callbacks callbacks;

    @Autowired
    UnitDirectory units;

    @Autowired
    Actors actors;

    @Autowired
    TestClock clock;

    @Autowired
    UserDetailsService users;

    @AfterEach
    void reset() {
        clock.reset();
        SecurityContextHolder.clearContext();
    }

    @Test
    void aMatterRaisedAtAMeetingBecomesARequestAndItsOutcomeAppearsOnTheMeetingsPublicPage() throws Exception {
        Actor community = actor("community");
        Unit jiashun = unit("652301001001");
        long id = meetings.schedule(draft(jiashun, tomorrow(), "社区活动室", "小区环境整治恳谈会"), community);
        held(id);

        meetings.report(id, new Meetings.Report("42", "居民反映路灯、垃圾清运等问题。"), community);
        ResidentRequest lamp = meetings.raise(
                id, new Meetings.MatterDraft("COMPLAINT", "小区北门路灯坏了两周", "URBAN_FACILITY", "北门", false), community);

        assertThat(jdbc.sql("select channel from request where id = ?")
                        .param(lamp.id())
                        .query(String.class)
                        .single())
                .isEqualTo("CONSULTATION_MEETING");
        assertThat(jdbc.sql("select meeting_id from meeting_matter where request_id = ?")
                        .param(lamp.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(id);
        assertThat(jdbc.sql("select type from request where id = ?")
                        .param(lamp.id())
                        .query(String.class)
                        .single())
                .isEqualTo("COMPLAINT");
        assertThat(jdbc.sql("select community_id from request where id = ?")
                        .param(lamp.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(jiashun.id());

        Browser resident = new Browser(port);
        HttpResponse<String> received = resident.get("/public/meetings/" + id);
        assertThat(received.statusCode()).as(received.body()).isEqualTo(200);
        assertThat(received.body())
                .contains("小区环境整治恳谈会", "社区活动室", "42 人", lamp.trackingCode(), "小区北门路灯坏了两周", "已受理，等待派单")
                .doesNotContain("居民反映路灯、垃圾清运等问题。");

        // Dispatched from the hotline's queue like any request, then handled by the community.
        Actor operator = actor("operator");
        Order order = orders.dispatch(lamp.id(), new DispatchCommand(jiashun.id(), null, null, null), operator);
        assertThat(resident.get("/public/meetings/" + id).body()).contains("已派单，等待签收", jiashun.name());
        orders.sign(order.id(), community);
        orders.reply(order.id(), "已更换北门路灯灯泡，恢复照明。", community);

        HttpResponse<String> replied = resident.get("/public/meetings/" + id);
        assertThat(replied.body()).contains("承办单位已答复，等待回访", "已更换北门路灯灯泡，恢复照明。", jiashun.name(), "办理中");

        callbacks.record(order.id(), new CallbackForm(null, Outcome.RESOLVED, Satisfaction.SATISFIED, "已亮"), operator);
        HttpResponse<String> closed = resident.get("/public/meetings/" + id + "?lang=en");
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(closed.body()).contains("Closed after the callback", "Closed", "已更换北门路灯灯泡，恢复照明。", "42 people");
        assertThat(meetings.publicMatters(id)).singleElement().satisfies(m -> {
            assertThat(m.status()).isEqualTo("closed");
            assertThat(m.state()).isEqualTo("CLOSED");
        });

        HttpResponse<String> list = resident.get("/public/meetings?unit=" + jiashun.id());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("小区环境整治恳谈会", "/public/meetings/" + id);
        assertThat(resident.get("/public/meetings?unit=" + unit("652324001001").id())
                        .body())
                .doesNotContain("/public/meetings/" + id + "\"");

        Browser staff = new Browser(port);
        staff.signIn("community");
        HttpResponse<String> page = staff.get("/community/meetings/" + id);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("居民反映路灯、垃圾清运等问题。", lamp.trackingCode());
        assertThat(staff.get("/community/meetings").body()).contains("小区环境整治恳谈会");
        assertThat(staff.get("/staff?lang=zh").body()).contains("href=\"/community/meetings\"", "民情恳谈");
        HttpResponse<String> raised = staff.post(
                "/community/meetings/" + id + "/matters",
                Map.of(
                        "_csrf", Browser.csrf(page.body()),
                        "type", "SUGGESTION",
                        "text", "希望在小区里增设快递柜",
                        "confidential", "true"));
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(200);
        assertThat(raised.body()).contains("已登记为诉求", "希望在小区里增设快递柜");
        assertThat(jdbc.sql("""
                        select count(*) from meeting_matter m join request r on r.id = m.request_id
                        where m.meeting_id = ? and r.confidential and r.type = 'SUGGESTION'
                          and r.channel = 'CONSULTATION_MEETING'""").param(id).query(Long.class).single()).isEqualTo(1);
        HttpResponse<String> badCount = staff.post(
                "/community/meetings/" + id + "/report",
                Map.of("_csrf", Browser.csrf(page.body()), "attendance", "很多", "minutes", "改过的纪要"));
        assertThat(badCount.statusCode()).isEqualTo(400);
        assertThat(badCount.body()).contains("参加人数须为 0 到 100000 之间的整数", "改过的纪要");
        assertThat(resident.get("/public/meetings/" + id + "?lang=zh").body())
                .contains("42 人", "这件事项要求保密")
                .doesNotContain("希望在小区里增设快递柜");
        // Residents do not reach the staff side.
        assertThat(resident.get("/community/meetings/" + id).body()).doesNotContain("居民反映路灯、垃圾清运等问题。");
    }

    @Test
    void aConfidentialMattersTextNeverAppearsOnThePublicPage() throws Exception {
        Actor community = actor("community");
        Unit jiashun = unit("652301001001");
        long id = meetings.schedule(draft(jiashun, tomorrow(), "3号楼楼下", "邻里纠纷恳谈"), community);
        held(id);
        String secret = "邻居家夜里经常吵闹打架，担心被报复请保密";
        ResidentRequest hidden = meetings.raise(id, new Meetings.MatterDraft(secret, "", "3号楼2单元", true), community);
        Order order =
                orders.dispatch(hidden.id(), new DispatchCommand(jiashun.id(), null, null, null), actor("operator"));
        orders.sign(order.id(), community);
        String reply = "已上门调解，双方达成和解协议";
        orders.reply(order.id(), reply, community);

        Browser resident = new Browser(port);
        for (String lang : List.of("zh", "en", "ug")) {
            HttpResponse<String> page = resident.get("/public/meetings/" + id + "?lang=" + lang);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).doesNotContain(secret, "夜里经常吵闹", hidden.trackingCode(), "3号楼2单元", reply);
        }
        assertThat(resident.get("/public/meetings/" + id + "?lang=zh").body())
                .contains("这件事项要求保密，只公开其办理状态。", "承办单位已答复，等待回访", "邻里纠纷恳谈");
        assertThat(resident.get("/public/meetings").body()).doesNotContain(secret);
        // Hidden by the service, not only by the template: nothing of it leaves for a public page.
        assertThat(meetings.publicMatters(id)).singleElement().satisfies(m -> {
            assertThat(m.confidential()).isTrue();
            assertThat(m.text()).isNull();
            assertThat(m.trackingCode()).isNull();
            assertThat(m.unitName()).isNull();
            assertThat(m.reply()).isNull();
            assertThat(m.state()).isEqualTo("REPLIED");
        });
        // Its organisers still read it in full.
        assertThat(meetings.mattersForStaff(id, community))
                .singleElement()
                .satisfies(m -> assertThat(m.text()).isEqualTo(secret));
    }

    @Test
    void aMeetingInThePastAndOtherBadInputAreRefusedWithAClearMessageAndNothingStored() throws Exception {
        Actor community = actor("community");
        Unit jiashun = unit("652301001001");
        Map<String, Long> before = counts();

        LocalDateTime yesterday = LocalDateTime.ofInstant(clock.instant(), ZONE).minusDays(1);
        assertThatThrownBy(() -> meetings.schedule(draft(jiashun, yesterday, "活动室", "议题"), community))
                .isInstanceOfSatisfying(InputRefusal.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.inputProblems()).extracting(InputProblem::key).containsExactly("meetings.error.past");
                    assertThat(e.inputProblems().get(0).english()).contains("a meeting in the past");
                });
        assertThatThrownBy(() -> meetings.schedule(draft(jiashun, tomorrow(), " ", ""), community))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(e.inputProblems())
                                .extracting(InputProblem::key)
                                .containsExactly("meetings.error.place", "meetings.error.topic"));
        assertThatThrownBy(() -> meetings.schedule(
                        new Meetings.Draft("" + jiashun.id(), "2026-02-30", "25:00", "活动室", "议题"), community))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(e.inputProblems())
                                .extracting(InputProblem::key)
                                .containsExactly("meetings.error.when"));
        // A village's handler may not schedule for a community elsewhere.
        assertThatThrownBy(() -> meetings.schedule(draft(jiashun, tomorrow(), "活动室", "议题"), actor("village")))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(e.inputProblems())
                                .extracting(InputProblem::key)
                                .containsExactly("meetings.error.unitScope"));
        assertThat(counts()).isEqualTo(before);

        // Before the meeting nothing can be reported or raised.
        long id = meetings.schedule(draft(jiashun, tomorrow(), "活动室", "停车难"), community);
        Map<String, Long> scheduled = counts();
        assertThatThrownBy(() -> meetings.raise(id, new Meetings.MatterDraft("车位太少", "", "", false), community))
                .isInstanceOfSatisfying(InputRefusal.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(e.inputProblems())
                            .extracting(InputProblem::key)
                            .containsExactly("meetings.error.notHeld");
                });
        held(id);
        assertThatThrownBy(() -> meetings.raise(id, new Meetings.MatterDraft("  ", "NO_SUCH", "", false), community))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(e.inputProblems())
                                .extracting(InputProblem::key)
                                .containsExactly("meetings.error.text", "meetings.error.category"));
        assertThatThrownBy(() -> meetings.raise(
                        id, new Meetings.MatterDraft("GOSSIP", "车位太少", "", "x".repeat(201), false), community))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(e.inputProblems())
                                .extracting(InputProblem::key)
                                .containsExactly("meetings.error.type", "meetings.error.tooLong"));
        assertThatThrownBy(() -> meetings.report(id, new Meetings.Report("-3", ""), community))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(e.inputProblems())
                                .extracting(InputProblem::key)
                                .containsExactly("meetings.error.attendance", "meetings.error.minutes"));
        assertThat(counts()).isEqualTo(scheduled);
        assertThat(jdbc.sql("select count(*) from meeting where id = ? and attendance is not null")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
        startsAt(id, clock.instant().plus(Duration.ofDays(1)));

        // Over HTTP the form comes back with the message and what was typed.
        Browser staff = new Browser(port);
        staff.signIn("community");
        HttpResponse<String> form = staff.get("/community/meetings");
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        HttpResponse<String> refused = staff.post(
                "/community/meetings",
                Map.of(
                        "_csrf",
                        Browser.csrf(form.body()),
                        "unitId",
                        "" + jiashun.id(),
                        "date",
                        yesterday.toLocalDate().toString(),
                        "time",
                        "09:30",
                        "place",
                        "社区会议室",
                        "topic",
                        "垃圾分类恳谈"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("不能安排过去的恳谈会", "value=\"垃圾分类恳谈\"", "value=\"社区会议室\"");
        HttpResponse<String> notHeld = staff.post(
                "/community/meetings/" + id + "/matters", Map.of("_csrf", Browser.csrf(form.body()), "text", "车位太少"));
        assertThat(notHeld.statusCode()).isEqualTo(409);
        assertThat(notHeld.body()).contains("恳谈会尚未召开");
        assertThat(counts()).isEqualTo(scheduled);

        HttpResponse<String> made = staff.post(
                "/community/meetings",
                Map.of(
                        "_csrf",
                        Browser.csrf(form.body()),
                        "unitId",
                        "" + jiashun.id(),
                        "date",
                        tomorrow().toLocalDate().toString(),
                        "time",
                        "09:30",
                        "place",
                        "社区会议室",
                        "topic",
                        "垃圾分类恳谈"));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        assertThat(made.uri().getPath()).startsWith("/community/meetings/");
        assertThat(made.body()).contains("已安排恳谈会", "垃圾分类恳谈");
        assertThat(counts().get("meeting")).isEqualTo(scheduled.get("meeting") + 1);

        assertThat(new Browser(port).get("/public/meetings/987654321").statusCode())
                .isEqualTo(404);
    }

    // ---- helpers

    private Map<String, Long> counts() {
        return Map.of(
                "meeting", count("select count(*) from meeting"),
                "meeting_matter", count("select count(*) from meeting_matter"),
                "request", count("select count(*) from request"));
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private LocalDateTime tomorrow() {
        return LocalDateTime.ofInstant(clock.instant(), ZONE)
                .plusDays(1)
                .withSecond(0)
                .withNano(0);
    }

    private static Meetings.Draft draft(Unit unit, LocalDateTime at, String place, String topic) {
        return new Meetings.Draft(
                "" + unit.id(), at.toLocalDate().toString(), at.toLocalTime().toString(), place, topic);
    }

    private Unit unit(String code) {
        return units.findByCode(code).orElseThrow();
    }

    private Actor actor(String username) {
        UserDetails user = users.loadUserByUsername(username);
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        return actors.current();
    }

    /**
     * The meeting has taken place: its start moved an hour into the past. Moving the clock instead would date the
     * orders dispatched from its matters in the future once the clock is reset, and other tests' inboxes would count
     * them as new.
     */
    private void held(long meeting) {
        startsAt(meeting, clock.instant().minus(Duration.ofHours(1)));
    }

    private void startsAt(long meeting, Instant at) {
        jdbc.sql("update meeting set starts_at = :at where id = :id")
                .param("at", java.sql.Timestamp.from(at))
                .param("id", meeting)
                .update();
    }
}
