package org.jiesu.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jiesu.Browser;
import org.jiesu.JiesuTest;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.UserAccounts;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Monthly reminders (月提), the quarterly review (季调) and contact leaders (包联) on the demo prefecture. */
@JiesuTest
class MonthlyReviewTest {

    @LocalServerPort
    int port;

    @Autowired
    Reminders reminders;

    @Autowired
    Reviews reviews;

    @Autowired
    Contacts contacts;

    @Autowired
    Rates rates;

    @Autowired
    UnitDirectory units;

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void remindersRunTwiceSendOneNoticePerLaggingUnitAndNoneToUnitsAboveTheThresholds() {
        YearMonth month = reminders.lastMonth();
        Thresholds limits = reminders.thresholds();
        List<Long> assessed = units.units().stream()
                .filter(u -> Assessed.KINDS.contains(u.kind()))
                .map(Unit::id)
                .toList();
        Map<Long, UnitRates> all = rates.unitRates(assessed, Period.month(month));
        Set<Long> lagging = all.values().stream()
                .filter(r -> !limits.weak(r).isEmpty())
                .map(UnitRates::unitId)
                .collect(Collectors.toSet());
        Set<Long> fine = all.values().stream()
                .filter(r -> limits.weak(r).isEmpty() && r.score() != null)
                .map(UnitRates::unitId)
                .collect(Collectors.toSet());
        assertThat(lagging).as("the demo month has lagging units").isNotEmpty();
        assertThat(fine).as("and units above the thresholds").isNotEmpty();

        Reminders.Run first = reminders.run(month, limits, "test");
        Reminders.Run second = reminders.run(month, limits, "test");

        assertThat(first.lagging()).isEqualTo(lagging.size());
        assertThat(second.sent()).isZero();
        for (Long id : lagging) {
            assertThat(notices(id, month)).as(units.unit(id).name()).isEqualTo(1);
        }
        for (Long id : fine) {
            assertThat(notices(id, month)).as(units.unit(id).name()).isZero();
        }
        Long one = lagging.iterator().next();
        String text = jdbc.sql("select text from notification where unit_id = ? and text like ?")
                .params(one, "【月提 " + month + "】%")
                .query(String.class)
                .single();
        for (Thresholds.Weak w : limits.weak(all.get(one))) {
            assertThat(text).contains(w.text());
        }
        assertThat(reminders.sent(actor("supervisor"), month))
                .extracting(Reminders.Sent::unitId)
                .containsAll(lagging.stream()
                        .filter(id -> units.isWithin(
                                id, units.findByCode("652300").orElseThrow().id()))
                        .toList());
    }

    @Test
    void theReminderPageListsWhatWasSentAndOnlyAnAdministratorRunsAMonth() throws Exception {
        YearMonth month = reminders.lastMonth();
        Browser admin = new Browser(port);
        admin.signIn("admin");
        HttpResponse<String> page = admin.get("/assessment/reminders?month=" + month);
        assertThat(page.statusCode()).isEqualTo(200);
        HttpResponse<String> ran = admin.post(
                "/assessment/reminders/run", Map.of("_csrf", Browser.csrf(page.body()), "month", month.toString()));
        assertThat(ran.statusCode()).isEqualTo(200);
        assertThat(ran.body()).contains("id=\"rm-run\"", "class=\"rm-row\"");
        long count = jdbc.sql("select count(*) from assessment_reminder where month = ?")
                .param(month.atDay(1))
                .query(Long.class)
                .single();

        Browser supervisor = new Browser(port);
        supervisor.signIn("supervisor");
        HttpResponse<String> read = supervisor.get("/assessment/reminders?month=" + month);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).doesNotContain("rm-run-button");
        HttpResponse<String> refused = supervisor.post(
                "/assessment/reminders/run", Map.of("_csrf", Browser.csrf(read.body()), "month", month.toString()));
        assertThat(refused.statusCode()).isEqualTo(403);
        HttpResponse<String> current = admin.post(
                "/assessment/reminders/run",
                Map.of(
                        "_csrf",
                        Browser.csrf(page.body()),
                        "month",
                        month.plusMonths(1).toString()));
        assertThat(current.statusCode()).isEqualTo(400);
        assertThat(current.body()).contains("has not");
        assertThat(admin.get("/assessment/reminders?month=2026-13").statusCode())
                .isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from assessment_reminder where month = ?")
                        .param(month.atDay(1))
                        .query(Long.class)
                        .single())
                .isEqualTo(count);
        assertThat(new Browser(port).get("/assessment/reminders").body()).doesNotContain("rm-sent");
    }

    @Test
    void aReviewDecisionIsStoredAuditedAndListedForItsQuarter() throws Exception {
        Quarter quarter = Quarter.of(rates.thisMonth()).previous();
        Browser supervisor = new Browser(port);
        supervisor.signIn("supervisor");
        HttpResponse<String> page = supervisor.get("/assessment/review?quarter=" + quarter);
        assertThat(page.statusCode()).isEqualTo(200);
        long street = units.findByCode("652301001").orElseThrow().id();
        assertThat(page.body()).contains("data-unit=\"" + street + "\"", "建国路街道");

        HttpResponse<String> saved = supervisor.post(
                "/assessment/review",
                Map.of(
                        "_csrf", Browser.csrf(page.body()),
                        "quarter", quarter.toString(),
                        "unit", String.valueOf(street),
                        "kind", "RECTIFICATION",
                        "note", "限期一个月提交整改方案"));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("id=\"rv-decided\"", "限期一个月提交整改方案", "限期整改");
        assertThat(reviews.decisions(actor("supervisor"), quarter)).anySatisfy(d -> {
            assertThat(d.unitId()).isEqualTo(street);
            assertThat(d.kind()).isEqualTo(Reviews.Kind.RECTIFICATION);
            assertThat(d.decidedBy()).isEqualTo("supervisor");
        });
        assertThat(reviews.decisions(actor("supervisor"), quarter.previous()))
                .noneMatch(d -> d.note().equals("限期一个月提交整改方案"));
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'assessment.review.decide'")
                        .query(Long.class)
                        .single())
                .isPositive();

        List<Reviews.Row> rows = reviews.rows(actor("supervisor"), quarter);
        int firstFine =
                rows.indexOf(rows.stream().filter(r -> !r.lagging()).findFirst().orElse(null));
        assertThat(rows.stream().limit(firstFine < 0 ? rows.size() : firstFine)).allMatch(Reviews.Row::lagging);
        assertThat(rows.stream().skip(firstFine < 0 ? rows.size() : firstFine)).noneMatch(Reviews.Row::lagging);
    }

    @Test
    void badReviewInputIsAClearMessageAndWritesNothing() throws Exception {
        long before = jdbc.sql("select count(*) from assessment_review")
                .query(Long.class)
                .single();
        Browser supervisor = new Browser(port);
        supervisor.signIn("supervisor");
        HttpResponse<String> bad = supervisor.get("/assessment/review?quarter=2026-Q5");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("2026-Q3");
        String csrf = Browser.csrf(supervisor.get("/assessment/review").body());
        long street = units.findByCode("652301001").orElseThrow().id();
        Quarter quarter = Quarter.of(rates.thisMonth()).previous();
        Map<String, Integer> cases = Map.of(
                "quarter=2026-7|unit=" + street + "|kind=TALK|note=x", 400,
                "quarter=" + quarter + "|unit=999999|kind=TALK|note=x", 404,
                "quarter=" + quarter + "|unit=abc|kind=TALK|note=x", 404,
                "quarter=" + quarter + "|unit=" + street + "|kind=FIRE|note=x", 400,
                "quarter=" + quarter + "|unit=" + street + "|kind=TALK|note= ", 400,
                "quarter=" + quarter.next().next() + "|unit=" + street + "|kind=TALK|note=x", 400);
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            Map<String, String> form = new java.util.HashMap<>(Map.of("_csrf", csrf));
            for (String pair : c.getKey().split("\\|")) {
                String[] kv = pair.split("=", 2);
                form.put(kv[0], kv[1]);
            }
            HttpResponse<String> answer = supervisor.post("/assessment/review", form);
            assertThat(answer.statusCode()).as(c.getKey()).isEqualTo(c.getValue());
            assertThat(answer.body()).as(c.getKey()).contains("error-message");
        }
        long manas = units.findByCode("652324").orElseThrow().id();
        assertThatThrownBy(
                        () -> reviews.decide(actor("county"), quarter.toString(), String.valueOf(manas), "TALK", "x"))
                .isInstanceOf(JiesuException.class);
        assertThat(jdbc.sql("select count(*) from assessment_review")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void aLeaderSeesTheUnitsTheyContactWithTheirRatesAndACardOnTheStaffPage() throws Exception {
        long village = units.findByCode("652324001001").orElseThrow().id();
        Browser admin = new Browser(port);
        admin.signIn("admin");
        HttpResponse<String> page = admin.get("/assessment/contacts");
        assertThat(page.statusCode()).isEqualTo(200);
        HttpResponse<String> assigned = admin.post(
                "/assessment/contacts",
                Map.of(
                        "_csrf",
                        Browser.csrf(page.body()),
                        "username",
                        "housing",
                        "unit",
                        String.valueOf(village),
                        "from",
                        contacts.today().toString()));
        assertThat(assigned.statusCode()).isEqualTo(200);
        assertThat(assigned.body()).contains("id=\"ct-all\"", "(housing)");

        Browser leader = new Browser(port);
        leader.signIn("housing");
        HttpResponse<String> mine = leader.get("/assessment/contacts");
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body())
                .contains("data-unit=\"" + village + "\"", units.unit(village).name())
                .doesNotContain("id=\"ct-all\"");
        assertThat(leader.get("/staff").body()).contains("/assessment/contacts", "我包联的单位");
        assertThat(contacts.mine(actor("housing")))
                .extracting(c -> c.unit().id())
                .containsExactly(village);
        assertThat(contacts.mine(actor("water"))).isEmpty();

        Browser other = new Browser(port);
        other.signIn("water");
        assertThat(other.get("/assessment/contacts").body()).contains("您目前没有包联的单位");
        assertThat(other.get("/staff").body()).doesNotContain("/assessment/contacts\"");

        long id = contacts.assignments(actor("admin")).stream()
                .filter(a -> a.username().equals("housing") && a.unitId() == village && a.active())
                .findFirst()
                .orElseThrow()
                .id();
        HttpResponse<String> ended =
                admin.post("/assessment/contacts/" + id + "/end", Map.of("_csrf", Browser.csrf(assigned.body())));
        assertThat(ended.statusCode()).isEqualTo(200);
        assertThat(contacts.mine(actor("housing"))).isEmpty();
        assertThat(leader.get("/staff").body()).doesNotContain("/assessment/contacts\"");
        assertThat(jdbc.sql("select count(*) from audit_entry where action like 'assessment.contact.%'")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void badAssignmentsAreRefusedAndOnlyAdministratorsAssign() throws Exception {
        long before =
                jdbc.sql("select count(*) from unit_contact").query(Long.class).single();
        long street = units.findByCode("652301001").orElseThrow().id();
        Actor admin = actor("admin");
        assertThatThrownBy(() -> contacts.assign(admin, "nobody", String.valueOf(street), null, null))
                .isInstanceOfSatisfying(
                        JiesuException.class,
                        e -> assertThat(e.status().value()).isEqualTo(404));
        assertThatThrownBy(() -> contacts.assign(admin, "housing", "999999", null, null))
                .isInstanceOfSatisfying(
                        JiesuException.class,
                        e -> assertThat(e.status().value()).isEqualTo(404));
        assertThatThrownBy(() -> contacts.assign(admin, "housing", String.valueOf(street), "2026-11-10", "2026-11-01"))
                .isInstanceOf(JiesuException.class)
                .hasMessageContaining("before it starts");
        assertThatThrownBy(() -> contacts.assign(admin, "housing", String.valueOf(street), "soon", null))
                .isInstanceOf(JiesuException.class)
                .hasMessageContaining("2026-11-23");
        assertThatThrownBy(() -> contacts.assign(actor("supervisor"), "housing", String.valueOf(street), null, null))
                .isInstanceOfSatisfying(
                        JiesuException.class,
                        e -> assertThat(e.status().value()).isEqualTo(403));
        assertThat(jdbc.sql("select count(*) from unit_contact")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    private long notices(long unitId, YearMonth month) {
        return jdbc.sql("select count(*) from notification where unit_id = ? and text like ?")
                .params(unitId, "【月提 " + month + "】%")
                .query(Long.class)
                .single();
    }

    private Actor actor(String username) {
        return TestActors.named(accounts, username);
    }
}
