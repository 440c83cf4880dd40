package org.jiesu.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jiesu.Api.json;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jiesu.Api;
import org.jiesu.Browser;
import org.jiesu.JourneySupport;
import org.jiesu.assessment.SchemeGrades;
import org.jiesu.platform.InputProblem;
import org.jiesu.platform.InputRefusal;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Role;
import org.jiesu.security.UserAccounts;
import org.jiesu.units.NewUnit;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Village work teams on the demo prefecture and real PostgreSQL: a team takes an order from dispatch through signing
 * to the reply like any unit; the yearly list ranks teams by their figures under a scheme and marks the outstanding
 * ones; bad stations and members are refused with nothing stored.
 */
class WorkTeamsTest extends JourneySupport {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    @Autowired
    WorkTeams teams;

    @Autowired
    WorkTeamAssessment assessment;

    @Autowired
    UserAccounts accounts;

    @Autowired
    UserDetailsService users;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aWorkTeamReceivesADispatchedOrderSignsForItAndReplies() {
        Unit village = village();
        long team = team(village.parentId(), "包联驻村工作队");
        String handler = handlerOf(team);

        long requestId = fileAt(village.code(), "URBAN_FACILITY", "村里的路灯坏了三盏").id();
        Api.Response dispatched =
                api.post("/api/v1/requests/" + requestId + "/dispatch", "operator", json("unitId", team));
        assertThat(dispatched.status()).as(dispatched.body().toString()).isEqualTo(201);
        long orderId = dispatched.id();
        assertThat(dispatched.text("state")).isEqualTo("DISPATCHED");

        // The team's staff see it and act on it; another unit's staff may not.
        assertThat(api.post("/api/v1/orders/" + orderId + "/sign", "community", null)
                        .status())
                .isEqualTo(403);
        Api.Response signed = api.post("/api/v1/orders/" + orderId + "/sign", handler, null);
        assertThat(signed.status()).as(signed.body().toString()).isEqualTo(200);
        assertThat(signed.text("state")).isEqualTo("SIGNED");
        Api.Response replied =
                api.post("/api/v1/orders/" + orderId + "/reply", handler, json("text", "工作队已联系供电所，三盏路灯已修复。"));
        assertThat(replied.status()).as(replied.body().toString()).isEqualTo(200);
        assertThat(replied.text("state")).isEqualTo("REPLIED");

        Map<String, Object> row = jdbc.sql("select unit_id, state, signed_at, reply from work_order where id = ?")
                .param(orderId)
                .query()
                .singleRow();
        assertThat(row.get("unit_id")).isEqualTo(team);
        assertThat(row.get("state")).isEqualTo("REPLIED");
        assertThat(row.get("signed_at")).isNotNull();
        assertThat(row.get("reply")).isEqualTo("工作队已联系供电所，三盏路灯已修复。");
        assertThat(api.get("/api/v1/orders/" + orderId + "/history", "operator")
                        .body()
                        .findValuesAsString("action"))
                .containsExactly("DISPATCH", "SIGN", "REPLY");
    }

    @Test
    void theCatalogueCanNameAWorkTeamAndASupervisorCanReDispatchAReturnedOrderToOne() {
        Unit village = village();
        long first = team(village.parentId(), "目录工作队");
        long second = team(village.parentId(), "改派工作队");
        long entry = jdbc.sql("""
                        insert into catalogue_entry (category_code, scope_unit_id, handler_kind, handler_level,
                                                     handler_function, handler_unit_id, support_functions)
                        values ('URBAN_FACILITY', ?, 'UNIT', null, null, ?, '{}') returning id""").params(village.id(), first).query(Long.class).single();
        units.reload();
        try {
            Api.Response order = dispatchedAt(village.code(), "URBAN_FACILITY", "村委会门口的健身器材坏了");
            assertThat(order.body().get("unitId").asLong()).isEqualTo(first);
            long orderId = order.id();

            Api.Response asked = api.post(
                    "/api/v1/orders/" + orderId + "/return", handlerOf(first), json("reason", "器材由另一支工作队负责的项目采购"));
            assertThat(asked.status()).as(asked.body().toString()).isEqualTo(200);
            Api.Response ruled = api.post(
                    "/api/v1/orders/" + orderId + "/return-ruling",
                    "supervisor",
                    json("approve", true, "reason", "改派负责该项目的工作队", "unitId", second));
            assertThat(ruled.status()).as(ruled.body().toString()).isEqualTo(200);
            assertThat(ruled.text("state")).isEqualTo("RETURNED");

            long next = jdbc.sql("select id from work_order where unit_id = ? and request_id = ?")
                    .params(second, order.body().get("requestId").asLong())
                    .query(Long.class)
                    .single();
            assertThat(api.post("/api/v1/orders/" + next + "/sign", handlerOf(second), null)
                            .text("state"))
                    .isEqualTo("SIGNED");
            assertThat(api.post("/api/v1/orders/" + next + "/reply", handlerOf(second), json("text", "已更换器材。"))
                            .text("state"))
                    .isEqualTo("REPLIED");
        } finally {
            jdbc.sql("delete from catalogue_entry where id = ?").param(entry).update();
            units.reload();
        }
    }

    @Test
    void thePagesShowATeamAndABadFormComesBackWithItsMessagesAndNothingStored() throws Exception {
        Unit village = village();
        long team = team(village.parentId(), "页面工作队");
        Browser supervisor = new Browser(port);
        supervisor.signIn("supervisor");

        HttpResponse<String> list = supervisor.get("/community/work-teams");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains("/community/work-teams/" + team);
        HttpResponse<String> page = supervisor.get("/community/work-teams/" + team);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains(village.name(), "第一书记");

        long stations = count("work_team_station");
        HttpResponse<String> bad = supervisor.post(
                "/community/work-teams/" + team + "/stations",
                Map.of(
                        "_csrf",
                        Browser.csrf(page.body()),
                        "village",
                        "" + village.id(),
                        "from",
                        "2026-12-31",
                        "to",
                        "2026-01-01"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("任期结束（2026-01-01）早于开始（2026-12-31）。", "value=\"2026-12-31\"");
        assertThat(count("work_team_station")).isEqualTo(stations);

        HttpResponse<String> good = supervisor.post(
                "/community/work-teams/" + team + "/stations",
                Map.of(
                        "_csrf",
                        Browser.csrf(page.body()),
                        "village",
                        "" + village.id(),
                        "from",
                        "2026-01-01",
                        "to",
                        "2026-12-31"));
        // The browser follows the redirect back to the team's page, which shows the new station.
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(good.uri().getPath()).isEqualTo("/community/work-teams/" + team);
        assertThat(good.body()).contains("已登记驻村。", "2026-01-01 – 2026-12-31");
        assertThat(count("work_team_station")).isEqualTo(stations + 1);

        HttpResponse<String> member = supervisor.post(
                "/community/work-teams/" + team + "/members",
                Map.of(
                        "_csrf",
                        Browser.csrf(page.body()),
                        "name",
                        "",
                        "post",
                        "LEADER",
                        "organisation",
                        "昌吉市民政局",
                        "memberFrom",
                        "2026-01-01",
                        "memberTo",
                        "2026-12-31"));
        assertThat(member.statusCode()).isEqualTo(400);
        assertThat(member.body()).contains("姓名为 1 到 50 个字。", "value=\"昌吉市民政局\"");

        // The yearly page answers without parameters; a year that is no year is a readable refusal, not a failure.
        assertThat(supervisor.get("/community/work-teams/assessment").statusCode())
                .isEqualTo(200);
        HttpResponse<String> noYear = supervisor.get("/community/work-teams/assessment?year=abc");
        assertThat(noYear.statusCode()).as(noYear.body()).isEqualTo(400);
        HttpResponse<String> farYear = supervisor.get("/community/work-teams/assessment?year=1999");
        assertThat(farYear.statusCode()).as(farYear.body()).isEqualTo(400);
        assertThat(farYear.body()).contains("2000");

        // Handlers do not keep teams.
        Browser handler = new Browser(port);
        handler.signIn("community");
        assertThat(handler.get("/community/work-teams").statusCode()).isEqualTo(403);
    }

    @Test
    void theYearlyListRanksTeamsByTheirFiguresAndMarksTheOutstandingOnes() {
        Unit village = village();
        // A parent of their own keeps these teams apart from teams other tests make: the scheme assesses below it.
        long office = units.add(new NewUnit(
                "WT-OFFICE-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime(),
                "驻村工作队管理办公室",
                UnitKind.DEPARTMENT,
                village.parentId(),
                null,
                null,
                null));
        long quick = team(office, "快速响应工作队");
        long middling = team(office, "一般工作队");
        long slow = team(office, "迟缓工作队");
        long idle = team(office, "无工单工作队");

        // quick signs both in time; middling one of two; slow signs its one order late.
        dispatchAndSign(village, quick, false);
        dispatchAndSign(village, quick, false);
        dispatchAndSign(village, middling, false);
        dispatchAndSign(village, middling, true);
        dispatchAndSign(village, slow, true);

        signIn("supervisor");
        int year = teams.today().getYear();
        teams.addMember(
                quick, new WorkTeams.MemberDraft("王建军", "LEADER", "昌吉市农业农村局", year + "-01-01", year + "-12-31"));
        teams.addMember(
                quick,
                new WorkTeams.MemberDraft("李明", "FIRST_SECRETARY", "昌吉州财政局", year + "-03-01", (year + 1) + "-02-28"));
        teams.addMember(
                quick,
                new WorkTeams.MemberDraft("赵前", "MEMBER", "昌吉市水利局", (year - 2) + "-01-01", (year - 1) + "-12-31"));

        long scheme = scheme(office);
        WorkTeamAssessment.Year result = assessment.year(year, scheme);
        assertThat(result.scheme().name()).startsWith("驻村工作队考评");
        List<SchemeGrades.Graded> rows =
                result.lines().stream().map(WorkTeamAssessment.Line::standing).toList();
        assertThat(rows).extracting(SchemeGrades.Graded::unitId).containsExactly(quick, middling, slow, idle);
        assertThat(rows).extracting(SchemeGrades.Graded::rank).containsExactly(1, 2, 3, 0);
        assertThat(rows).extracting(SchemeGrades.Graded::response).containsExactly(100.0, 50.0, 0.0, null);
        assertThat(rows).extracting(SchemeGrades.Graded::composite).containsExactly(100.0, 50.0, 0.0, null);
        // "361" over three ranked teams: one excellent, none poor; the team without orders is not graded.
        assertThat(rows).extracting(SchemeGrades.Graded::grade).containsExactly("excellent", "good", "good", null);
        assertThat(rows).extracting(SchemeGrades.Graded::outstanding).containsExactly(true, false, false, false);
        assertThat(result.outstanding()).isEqualTo(1);
        // Members of the year are assessed with their team; one who served only in earlier years is not listed.
        assertThat(result.lines().get(0).members())
                .extracting(WorkTeams.Member::name)
                .containsExactly("王建军", "李明");

        String page = api.page("/community/work-teams/assessment?year=" + year + "&scheme=" + scheme, "supervisor");
        assertThat(page).contains("快速响应工作队", "王建军", "standing-" + quick, "wt-outstanding");
        assertThat(page.indexOf("快速响应工作队")).isLessThan(page.indexOf("一般工作队"));
        assertThat(page.indexOf("一般工作队")).isLessThan(page.indexOf("迟缓工作队"));
        // A year with nothing counted lists nobody rather than failing.
        assertThat(assessment.year(year - 5, scheme).lines()).isEmpty();
    }

    @Test
    void badStationsAndMembersAreRefusedWithNothingStoredAndATeamMayBeStationedAgainLater() {
        Unit village = village();
        long team = team(village.parentId(), "复驻工作队");
        signIn("supervisor");
        long stations = count("work_team_station");
        long members = count("work_team_member");
        long audited = count("audit_entry");

        assertThat(problems(() ->
                        teams.station(team, new WorkTeams.StationDraft("" + village.id(), "2026-12-31", "2026-01-01"))))
                .containsExactly("workteams.error.termOrder");
        Unit street = units.units().stream()
                .filter(u -> u.kind() == UnitKind.STREET)
                .findFirst()
                .orElseThrow();
        assertThat(problems(() ->
                        teams.station(team, new WorkTeams.StationDraft("" + street.id(), "2024-01-01", "2024-12-31"))))
                .containsExactly("workteams.error.village");
        assertThat(problems(() -> teams.station(team, new WorkTeams.StationDraft("abc", "2024-02-30", ""))))
                .containsExactly("workteams.error.village", "workteams.error.date", "workteams.error.date");
        assertThat(problems(() -> teams.addMember(
                        team, new WorkTeams.MemberDraft(" ", "CAPTAIN", "", "2024-05-01", "2024-04-01"))))
                .containsExactly(
                        "workteams.error.name",
                        "workteams.error.post",
                        "workteams.error.organisation",
                        "workteams.error.termOrder");
        assertThat(count("work_team_station")).isEqualTo(stations);
        assertThat(count("work_team_member")).isEqualTo(members);
        assertThat(count("audit_entry")).isEqualTo(audited);

        teams.station(team, new WorkTeams.StationDraft("" + village.id(), "2024-01-01", "2025-12-31"));
        // Overlapping the first term, even by one day, is refused; a later term is not.
        assertThat(problems(() ->
                        teams.station(team, new WorkTeams.StationDraft("" + village.id(), "2025-12-31", "2026-06-30"))))
                .containsExactly("workteams.error.overlap");
        assertThat(count("work_team_station")).isEqualTo(stations + 1);
        teams.station(team, new WorkTeams.StationDraft("" + village.id(), "2026-01-01", "2027-12-31"));
        assertThat(teams.team(team).stations())
                .extracting(WorkTeams.Station::from)
                .containsExactly(LocalDate.parse("2026-01-01"), LocalDate.parse("2024-01-01"));
        assertThat(count("audit_entry")).isEqualTo(audited + 2);

        // The same refusal reaches the page as a readable message, and still stores nothing.
        String page = api.page("/community/work-teams/" + team, "supervisor");
        assertThat(page).contains(village.name(), "2026-01-01");

        // Only supervisors and administrators keep teams.
        SecurityContextHolder.clearContext();
        signIn("community");
        assertThatThrownBy(() ->
                        teams.station(team, new WorkTeams.StationDraft("" + village.id(), "2030-01-01", "2030-12-31")))
                .isInstanceOfSatisfying(
                        JiesuException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThat(count("work_team_station")).isEqualTo(stations + 2);
    }

    private static List<String> problems(Runnable action) {
        try {
            action.run();
        } catch (InputRefusal e) {
            return e.inputProblems().stream().map(InputProblem::key).toList();
        }
        throw new AssertionError("the input was accepted");
    }

    /** Files a request at the village, dispatches it to the team and signs, late when asked. */
    private void dispatchAndSign(Unit village, long team, boolean late) {
        long requestId = fileAt(village.code(), "URBAN_FACILITY", "村道排水沟堵塞 " + SEQUENCE.incrementAndGet())
                .id();
        Api.Response order = api.post("/api/v1/requests/" + requestId + "/dispatch", "operator", json("unitId", team));
        assertThat(order.status()).as(order.body().toString()).isEqualTo(201);
        if (late) {
            clock.advance(Duration.ofHours(3));
        }
        Api.Response signed = api.post("/api/v1/orders/" + order.id() + "/sign", handlerOf(team), null);
        assertThat(signed.status()).as(signed.body().toString()).isEqualTo(200);
    }

    /** A scheme for work teams below the root: the three rates only, "361". */
    private long scheme(long root) {
        return jdbc.sql("""
                        insert into assessment_scheme (name, unit_kind, root_unit_id, rates_weight, criteria_weight,
                            band2, band3, band4, band5, excellent_share, good_share, poor_share, updated_at, updated_by)
                        values (?, 'WORK_TEAM', ?, 100, 0, 60, 70, 80, 90, 30, 60, 10, ?, 'admin') returning id""")
                .params("驻村工作队考评 " + root, root, Timestamp.from(Instant.now()))
                .query(Long.class)
                .single();
    }

    private Unit village() {
        return units.units().stream()
                .filter(u ->
                        u.kind() == UnitKind.VILLAGE && units.centre(u.id()).isPresent())
                .findFirst()
                .orElseThrow();
    }

    private long team(Long parentId, String name) {
        long n = SEQUENCE.incrementAndGet();
        return units.add(new NewUnit(
                "WT-" + n + "-" + System.nanoTime(), name + n, UnitKind.WORK_TEAM, parentId, null, null, null));
    }

    /** A handler account of the team's own, with the demo password the test client signs in with. */
    private String handlerOf(long team) {
        String username = "wt" + team;
        if (accounts.account(username).isEmpty()) {
            accounts.create(username, "工作队队员", Api.PASSWORD, Role.HANDLER, team);
        }
        return username;
    }

    private void signIn(String username) {
        UserDetails user = users.loadUserByUsername(username);
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }
}
