package org.jiesu.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jiesu.Browser;
import org.jiesu.JiesuTest;
import org.jiesu.TestClock;
import org.jiesu.platform.InputProblem;
import org.jiesu.platform.InputRefusal;
import org.jiesu.platform.JiesuException;
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
 * Volunteer services on the demo prefecture and real PostgreSQL: teams and activities made by staff, bad input
 * refused with nothing stored, sign-ups refused when full or too late, the last place taken once under concurrent
 * sign-ups, the people served recorded, and the public calendar showing only the chosen community's coming
 * activities and no volunteer's name.
 */
@JiesuTest
class VolunteerServicesTest {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Pattern CODE = Pattern.compile("id=\"vo-signup-code\"[^>]*>([A-Z0-9]+)<");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    VolunteerServices volunteers;

    @Autowired
    VolunteerRetention retention;

    @Autowired
    UnitDirectory units;

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
    void aFullActivityRefusesSignUpsWithNothingChanged() {
        long activity = activity(unit("652301001001"), Duration.ofDays(2), 2);
        volunteers.signUp(activity, "小李");
        volunteers.signUp(activity, "王医生");
        long rows = signUpRows(activity);

        assertThatThrownBy(() -> volunteers.signUp(activity, "阿依古丽")).isInstanceOfSatisfying(InputRefusal.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(e.inputProblems()).extracting(InputProblem::key).containsExactly("volunteers.error.full");
        });
        assertThat(signUpRows(activity)).isEqualTo(rows).isEqualTo(2);
        assertThat(signedUp(activity)).isEqualTo(2);
    }

    @Test
    void aSignUpAfterTheStartIsRefusedWithNothingChanged() {
        long activity = activity(unit("652301001001"), Duration.ofHours(1), 10);
        volunteers.signUp(activity, "小李");
        clock.advance(Duration.ofHours(2));

        assertThatThrownBy(() -> volunteers.signUp(activity, "小王")).isInstanceOfSatisfying(InputRefusal.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(e.inputProblems()).extracting(InputProblem::key).containsExactly("volunteers.error.started");
        });
        assertThat(signUpRows(activity)).isEqualTo(1);
        assertThat(signedUp(activity)).isEqualTo(1);
    }

    @Test
    void aNameThatLooksLikeAPhoneOrIdNumberIsRefused() {
        long activity = activity(unit("652301001001"), Duration.ofDays(1), 10);
        assertThatThrownBy(() -> volunteers.signUp(activity, "小李 13912345678"))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(e.inputProblems())
                                .extracting(InputProblem::key)
                                .containsExactly("volunteers.error.numberInName"));
        assertThatThrownBy(() -> volunteers.signUp(activity, "  "))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(e.inputProblems())
                                .extracting(InputProblem::key)
                                .containsExactly("volunteers.error.displayName"));
        assertThat(signUpRows(activity)).isZero();
        assertThat(signedUp(activity)).isZero();
    }

    @Test
    void twoConcurrentSignUpsForTheLastPlaceLetOnlyOneWin() throws Exception {
        for (int round = 0; round < 5; round++) {
            long activity = activity(unit("652301001001"), Duration.ofDays(3), 1);
            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Boolean>> attempts = new ArrayList<>();
                for (String name : List.of("甲", "乙")) {
                    attempts.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            volunteers.signUp(activity, name);
                            return true;
                        } catch (InputRefusal e) {
                            assertThat(e.inputProblems())
                                    .extracting(InputProblem::key)
                                    .containsExactly("volunteers.error.full");
                            return false;
                        }
                    }));
                }
                List<Boolean> won = new ArrayList<>();
                for (Future<Boolean> f : attempts) {
                    won.add(f.get(30, TimeUnit.SECONDS));
                }
                assertThat(Collections.frequency(won, true)).isEqualTo(1);
                assertThat(signUpRows(activity)).isEqualTo(1);
                assertThat(signedUp(activity)).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void theServedCountIsRecordedOnceTheActivityHasStartedAndAudited() {
        long activity = activity(unit("652324001001"), Duration.ofHours(1), 5);
        signIn("county");
        assertThatThrownBy(() -> volunteers.recordServed(activity, "30"))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(e.inputProblems())
                                .extracting(InputProblem::key)
                                .containsExactly("volunteers.error.servedTooEarly"));
        assertThat(served(activity)).isNull();

        clock.advance(Duration.ofHours(4));
        assertThatThrownBy(() -> volunteers.recordServed(activity, "-3"))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(e.inputProblems())
                                .extracting(InputProblem::key)
                                .containsExactly("volunteers.error.served"));
        assertThat(served(activity)).isNull();

        volunteers.recordServed(activity, " 46 ");
        assertThat(served(activity)).isEqualTo(46);
        assertThat(volunteers.activity(activity).served()).isEqualTo(46);
        assertThat(jdbc.sql(
                                "select count(*) from audit_entry where subject = ? and action = 'VOLUNTEER_SERVED_RECORDED'")
                        .param("volunteer-activity:" + activity)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void badActivityInputIsRefusedWithEveryProblemNamedAndNothingStored() {
        signIn("county");
        long team = team();
        long before = activities();
        String community = "" + unit("652301001001").id();
        Instant now = clock.instant();

        assertThatThrownBy(() -> volunteers.createActivity(
                        team,
                        new VolunteerServices.ActivityDraft(
                                "FREE_CLINIC",
                                "义诊",
                                community,
                                "卫生室",
                                local(now.minus(Duration.ofHours(1))),
                                local(now.minus(Duration.ofHours(3))),
                                "0")))
                .isInstanceOfSatisfying(InputRefusal.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.inputProblems())
                            .extracting(InputProblem::key)
                            .containsExactlyInAnyOrder(
                                    "volunteers.error.startPast",
                                    "volunteers.error.endBeforeStart",
                                    "volunteers.error.capacity");
                });
        assertThatThrownBy(() -> volunteers.createActivity(
                        team, new VolunteerServices.ActivityDraft("PARTY", " ", "", "", "tomorrow", "", "many")))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(e.inputProblems())
                                .extracting(InputProblem::field)
                                .containsExactlyInAnyOrder(
                                        "kind", "title", "community", "place", "startsAt", "endsAt", "capacity"));
        // a grid is not a community or village
        assertThatThrownBy(() -> volunteers.createActivity(
                        team,
                        new VolunteerServices.ActivityDraft(
                                "OTHER",
                                "义诊",
                                "" + unit("652301001001-01").id(),
                                "卫生室",
                                local(now.plus(Duration.ofHours(1))),
                                local(now.plus(Duration.ofHours(3))),
                                "3")))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(e.inputProblems())
                                .extracting(InputProblem::key)
                                .containsExactly("volunteers.error.community"));
        assertThat(activities()).isEqualTo(before);
    }

    @Test
    void staffOutsideTheManagingUnitSeeNoActivityAndNoNames() {
        long activity = activity(unit("652301001001"), Duration.ofDays(1), 4);
        volunteers.signUp(activity, "小李");
        signIn("county");
        assertThat(volunteers.signUps(activity))
                .extracting(VolunteerServices.SignUp::displayName)
                .containsExactly("小李");
        // staff of the community the activity is for, and of another county, do not manage the team
        for (String other : List.of("community", "village")) {
            signIn(other);
            assertThatThrownBy(() -> volunteers.signUps(activity))
                    .isInstanceOfSatisfying(
                            JiesuException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
        }
        SecurityContextHolder.clearContext();
        assertThatThrownBy(() -> volunteers.activity(activity))
                .isInstanceOfSatisfying(
                        JiesuException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
    }

    @Test
    void theCalendarListsOnlyComingActivitiesOfTheChosenCommunity() throws Exception {
        Unit jiashun = unit("652301001001");
        Unit village = unit("652324001001");
        String soon = "即将开始的义诊" + SEQUENCE.incrementAndGet();
        String later = "下周的体检" + SEQUENCE.incrementAndGet();
        String elsewhere = "别村的农技指导" + SEQUENCE.incrementAndGet();
        long started = activity(jiashun, Duration.ofHours(1), 5, soon);
        long coming = activity(jiashun, Duration.ofDays(6), 5, later);
        activity(village, Duration.ofDays(6), 5, elsewhere);
        volunteers.signUp(coming, "不应公开的称呼");
        clock.advance(Duration.ofHours(2));

        Browser resident = new Browser(port);
        HttpResponse<String> page = resident.get("/public/activities?community=" + jiashun.id());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains(later, "还剩 4 个名额（共 5 个）", "/public/activities/" + coming + "/signups");
        assertThat(page.body()).doesNotContain(soon, elsewhere, "不应公开的称呼");
        assertThat(volunteers.coming(jiashun.id()))
                .extracting(VolunteerServices.Activity::id)
                .contains(coming)
                .doesNotContain(started);

        HttpResponse<String> all = resident.get("/public/activities");
        assertThat(all.body()).contains(later, elsewhere).doesNotContain(soon);

        HttpResponse<String> bad = resident.get("/public/activities?community=abc");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("请从列表中选择社区或村。");
    }

    @Test
    void aVolunteerSignsUpOnThePublicPageAndCancelsWithTheCode() throws Exception {
        Unit jiashun = unit("652301001001");
        String title = "社区健康体检" + SEQUENCE.incrementAndGet();
        long activity = activity(jiashun, Duration.ofDays(4), 1, title);
        Browser resident = new Browser(port);
        HttpResponse<String> page = resident.get("/public/activities?community=" + jiashun.id());
        String csrf = Browser.csrf(page.body());

        HttpResponse<String> signed = resident.post(
                "/public/activities/" + activity + "/signups",
                Map.of("_csrf", csrf, "displayName", "热心居民", "community", "" + jiashun.id()));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        Matcher m = CODE.matcher(signed.body());
        assertThat(m.find()).as(signed.body()).isTrue();
        String code = m.group(1);
        assertThat(signUpRows(activity)).isEqualTo(1);
        HttpResponse<String> reloaded = resident.get("/public/activities/signed");
        assertThat(reloaded.body())
                .as("a reload shows the calendar, neither the code again nor a second sign-up")
                .doesNotContain(code)
                .contains("vo-filter");
        assertThat(signUpRows(activity)).isEqualTo(1);
        // the code is never stored as typed
        assertThat(jdbc.sql("select count(*) from volunteer_signup where code_hash = ?")
                        .param(code)
                        .query(Long.class)
                        .single())
                .isZero();

        HttpResponse<String> full = resident.post(
                "/public/activities/" + activity + "/signups",
                Map.of("_csrf", csrf, "displayName", "另一位", "community", "" + jiashun.id()));
        assertThat(full.statusCode()).isEqualTo(409);
        assertThat(full.body()).contains("名额已满");
        assertThat(signUpRows(activity)).isEqualTo(1);

        HttpResponse<String> unknown =
                resident.post("/public/activities/cancel", Map.of("_csrf", csrf, "code", "ZZZZ2222"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("没有找到这个报名码");
        assertThat(signUpRows(activity)).isEqualTo(1);

        HttpResponse<String> cancelled = resident.post(
                "/public/activities/cancel",
                Map.of("_csrf", csrf, "code", code.substring(0, 4).toLowerCase() + "-" + code.substring(4)));
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.body()).contains("已取消", title);
        assertThat(signUpRows(activity)).isZero();
        assertThat(signedUp(activity)).isZero();
    }

    @Test
    void theStaffPagesRenderAndABadActivityFormComesBackWithItsMessages() throws Exception {
        Browser county = new Browser(port);
        county.signIn("county");
        HttpResponse<String> teams = county.get("/community/volunteers");
        assertThat(teams.statusCode()).as(teams.body()).isEqualTo(200);
        String csrf = Browser.csrf(teams.body());
        String name = "市医院志愿服务队" + SEQUENCE.incrementAndGet();
        HttpResponse<String> made = county.post(
                "/community/volunteers/teams",
                Map.of(
                        "_csrf",
                        csrf,
                        "name",
                        name,
                        "organisation",
                        "昌吉市人民医院",
                        "unit",
                        "" + unit("652301").id()));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        assertThat(made.body()).contains(name, "新建活动");
        String teamPath = made.uri().getPath();

        Instant now = clock.instant();
        long before = activities();
        HttpResponse<String> bad = county.post(
                teamPath + "/activities",
                Map.of(
                        "_csrf",
                        csrf,
                        "kind",
                        "FREE_CLINIC",
                        "title",
                        "进村义诊",
                        "community",
                        "" + unit("652301001001").id(),
                        "place",
                        "村委会",
                        "startsAt",
                        local(now.plus(Duration.ofDays(1))),
                        "endsAt",
                        local(now.plus(Duration.ofDays(1)).minus(Duration.ofHours(2))),
                        "capacity",
                        "0"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("结束时间必须晚于开始时间。", "志愿者名额须是 1 到 10,000 之间的整数。", "value=\"进村义诊\"");
        assertThat(activities()).isEqualTo(before);

        HttpResponse<String> good = county.post(
                teamPath + "/activities",
                Map.of(
                        "_csrf",
                        csrf,
                        "kind",
                        "FREE_CLINIC",
                        "title",
                        "进村义诊",
                        "community",
                        "" + unit("652301001001").id(),
                        "place",
                        "村委会",
                        "startsAt",
                        local(now.plus(Duration.ofDays(1))),
                        "endsAt",
                        local(now.plus(Duration.ofDays(1)).plus(Duration.ofHours(3))),
                        "capacity",
                        "8"));
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(good.body()).contains("进村义诊", "0 人报名（共 8 个名额）", "尚未记录");
        assertThat(activities()).isEqualTo(before + 1);

        Browser village = new Browser(port);
        village.signIn("village");
        assertThat(village.get(good.uri().getPath()).statusCode()).isEqualTo(403);
    }

    @Test
    void aTeamNeedsANameAnOrganisationAndAUnitInScopeAndItsNameIsUniqueInItsUnit() {
        signIn("county");
        String county = "" + unit("652301").id();
        long before = teams();
        assertThatThrownBy(() -> volunteers.createTeam(new VolunteerServices.TeamDraft(" ", "", "x")))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(e.inputProblems())
                                .extracting(InputProblem::field)
                                .containsExactlyInAnyOrder("name", "organisation", "unit"));
        // another county's unit is not the actor's to manage
        assertThatThrownBy(() -> volunteers.createTeam(new VolunteerServices.TeamDraft(
                        "农技服务队", "农技站", "" + unit("652324").id())))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(e.inputProblems())
                                .extracting(InputProblem::key)
                                .containsExactly("volunteers.error.unit"));
        assertThat(teams()).isEqualTo(before);

        String name = "农技服务队" + SEQUENCE.incrementAndGet();
        volunteers.createTeam(new VolunteerServices.TeamDraft(name, "昌吉市农技推广站", county));
        assertThatThrownBy(() -> volunteers.createTeam(new VolunteerServices.TeamDraft(name, "另一个组织", county)))
                .isInstanceOfSatisfying(InputRefusal.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(e.inputProblems())
                            .extracting(InputProblem::key)
                            .containsExactly("volunteers.error.teamTaken");
                });
        assertThat(teams()).isEqualTo(before + 1);

        SecurityContextHolder.clearContext();
        assertThatThrownBy(() -> volunteers.createTeam(new VolunteerServices.TeamDraft("x", "y", county)))
                .isInstanceOfSatisfying(
                        JiesuException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
    }

    @Test
    void theCalendarReadsInEnglishAndUyghur() throws Exception {
        Unit jiashun = unit("652301001001");
        long activity = activity(jiashun, Duration.ofDays(2), 7);
        Browser resident = new Browser(port);
        HttpResponse<String> english = resident.get("/public/activities?lang=en&community=" + jiashun.id());
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body()).contains("Volunteer activities", "7 of 7 places free", "Free clinic");
        HttpResponse<String> uyghur = resident.get("/public/activities?lang=ug&community=" + jiashun.id());
        assertThat(uyghur.statusCode()).isEqualTo(200);
        assertThat(uyghur.body()).contains("پىدائىي مۇلازىمەت پائالىيەتلىرى", "ھەقسىز داۋالاش", "dir=\"rtl\"");
        assertThat(uyghur.body()).contains("/public/activities/" + activity + "/signups");
    }

    @Test
    void namesAreForgottenAMonthAfterTheActivityAndItsCountsStay() {
        long old = activity(unit("652301001001"), Duration.ofHours(1), 5);
        long recent = activity(unit("652301001001"), Duration.ofDays(20), 5);
        volunteers.signUp(old, "小李");
        volunteers.signUp(old, "小王");
        volunteers.signUp(recent, "小赵");
        clock.advance(Duration.ofDays(32));

        retention.forgetNames();
        assertThat(signUpRows(old)).isZero();
        assertThat(signedUp(old)).isEqualTo(2);
        assertThat(signUpRows(recent)).isEqualTo(1);
    }

    // ---- helpers

    private long activity(Unit community, Duration startsIn, int capacity) {
        return activity(community, startsIn, capacity, "志愿服务" + SEQUENCE.incrementAndGet());
    }

    /** An activity of a fresh team of the county 652301, made by its supervisor; signs out after. */
    private long activity(Unit community, Duration startsIn, int capacity, String title) {
        signIn("county");
        Instant start = clock.instant().plus(startsIn);
        long id = volunteers.createActivity(
                team(),
                new VolunteerServices.ActivityDraft(
                        "FREE_CLINIC",
                        title,
                        "" + community.id(),
                        "村委会卫生室",
                        local(start),
                        local(start.plus(Duration.ofHours(3))),
                        "" + capacity));
        SecurityContextHolder.clearContext();
        return id;
    }

    private long team() {
        return volunteers.createTeam(new VolunteerServices.TeamDraft(
                "县医院志愿服务队" + SEQUENCE.incrementAndGet(),
                "昌吉市人民医院",
                "" + unit("652301").id()));
    }

    /** A time as a datetime-local field holds it, rounded up to the next minute so it stays ahead of the clock. */
    private static String local(Instant at) {
        return LocalDateTime.ofInstant(at.plusSeconds(60), ZONE)
                .withSecond(0)
                .withNano(0)
                .toString();
    }

    private long signUpRows(long activity) {
        return jdbc.sql("select count(*) from volunteer_signup where activity_id = ?")
                .param(activity)
                .query(Long.class)
                .single();
    }

    private int signedUp(long activity) {
        return jdbc.sql("select signed_up from volunteer_activity where id = ?")
                .param(activity)
                .query(Integer.class)
                .single();
    }

    private Integer served(long activity) {
        int served = jdbc.sql("select coalesce(served, -1) from volunteer_activity where id = ?")
                .param(activity)
                .query(Integer.class)
                .single();
        return served < 0 ? null : served;
    }

    private long teams() {
        return jdbc.sql("select count(*) from volunteer_team").query(Long.class).single();
    }

    private long activities() {
        return jdbc.sql("select count(*) from volunteer_activity")
                .query(Long.class)
                .single();
    }

    private void signIn(String username) {
        UserDetails user = users.loadUserByUsername(username);
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    private Unit unit(String code) {
        return units.findByCode(code).orElseThrow();
    }
}
