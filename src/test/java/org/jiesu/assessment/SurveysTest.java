package org.jiesu.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jiesu.Browser;
import org.jiesu.JiesuTest;
import org.jiesu.TestClock;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.UserAccounts;
import org.jiesu.units.UnitDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Satisfaction surveys against PostgreSQL: one answer per code, anonymous answers, clear refusals. */
@JiesuTest
class SurveysTest {

    private static final List<String> ALL_SATISFIED = Collections.nCopies(Surveys.DEFAULT_ITEMS.size(), "SATISFIED");

    @LocalServerPort
    int port;

    @Autowired
    Surveys surveys;

    @Autowired
    UserAccounts accounts;

    @Autowired
    UnitDirectory units;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aSurveyAnsweredOnceCountsAndTheSameCodeTwiceIsRefusedWithTheCountsUnchanged() {
        Surveys.Created created = create("街道测评", 3, today(), today().plusDays(7));
        assertThat(created.codes()).hasSize(3).doesNotHaveDuplicates();
        long id = created.survey().id();
        List<String> answer = new ArrayList<>(ALL_SATISFIED);
        answer.set(1, "BASICALLY_SATISFIED");
        answer.set(4, "DISSATISFIED");

        surveys.answer(SurveyCodes.printed(created.codes().get(0)).toLowerCase(), answer);
        Surveys.Results once = surveys.results(supervisor(), id);

        assertThat(once.answers()).isEqualTo(1);
        assertThat(once.issued()).isEqualTo(3);
        assertThat(once.items().get(0)).isEqualTo(new Surveys.ItemResult("服务态度", 1, 0, 0));
        assertThat(once.items().get(1)).isEqualTo(new Surveys.ItemResult("办事效率", 0, 1, 0));
        assertThat(once.items().get(4)).isEqualTo(new Surveys.ItemResult("总体评价", 0, 0, 1));
        assertThat(once.percent(once.items().get(1))).isEqualTo(80.0);

        assertThatThrownBy(() -> surveys.answer(created.codes().get(0), ALL_SATISFIED))
                .isInstanceOfSatisfying(
                        SurveyRefused.class, e -> assertThat(e.reason()).isEqualTo(SurveyRefused.Reason.USED));
        Surveys.Results twice = surveys.results(supervisor(), id);
        assertThat(twice.answers()).isEqualTo(1);
        assertThat(twice.items()).isEqualTo(once.items());

        surveys.answer(created.codes().get(1), ALL_SATISFIED);
        assertThat(surveys.results(supervisor(), id).answers()).isEqualTo(2);
        assertThat(unusedCodes(id)).isEqualTo(1);
    }

    @Test
    void twoAnswersWithTheSameCodeAtOnceRecordOne() throws Exception {
        Surveys.Created created = create("并发测评", 1, today(), today());
        String code = created.codes().get(0);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tries.add(pool.submit(() -> {
                start.await();
                try {
                    surveys.answer(code, ALL_SATISFIED);
                    return true;
                } catch (SurveyRefused e) {
                    assertThat(e.reason()).isEqualTo(SurveyRefused.Reason.USED);
                    return false;
                }
            }));
        }
        start.countDown();
        long accepted = 0;
        for (var t : tries) {
            accepted += t.get(30, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(accepted).isEqualTo(1);
        assertThat(surveys.results(supervisor(), created.survey().id()).answers())
                .isEqualTo(1);
    }

    @Test
    void answersCarryNothingThatLinksThemToACode() {
        Surveys.Created created = create("匿名测评", 2, today(), today());
        surveys.answer(created.codes().get(0), ALL_SATISFIED);

        Map<String, String> answerColumns = columns("survey_answer");
        assertThat(answerColumns)
                .containsOnlyKeys("id", "survey_id", "answered_on", "ratings")
                .containsEntry("answered_on", "date");
        assertThat(answerColumns.values()).noneMatch(type -> type.startsWith("timestamp") || type.equals("inet"));
        assertThat(columns("survey_code")).containsOnlyKeys("code_hash", "survey_id", "used");

        List<Map<String, Object>> rows = jdbc.sql("select * from survey_answer where survey_id = ?")
                .param(created.survey().id())
                .query()
                .listOfRows();
        assertThat(rows).hasSize(1);
        String stored = rows.get(0).values().toString();
        for (String code : created.codes()) {
            assertThat(stored).doesNotContain(code, SurveyCodes.hash(code));
        }
        assertThat(jdbc.sql("select count(*) from survey_code where code_hash = ?")
                        .param(created.codes().get(0))
                        .query(Long.class)
                        .single())
                .as("codes are stored only as a hash")
                .isZero();
    }

    @Test
    void unknownMalformedClosedAndNotYetOpenCodesAreRefusedAndChangeNothing() {
        Surveys.Created closing = create("今天截止", 1, today(), today());
        Surveys.Created later = create("明天开始", 1, today().plusDays(1), today().plusDays(3));
        long before = answers();

        assertReason(() -> surveys.answer("ACDE-FGHJ", ALL_SATISFIED), SurveyRefused.Reason.UNKNOWN);
        assertReason(() -> surveys.answer("not a code", ALL_SATISFIED), SurveyRefused.Reason.UNKNOWN);
        assertReason(() -> surveys.answer(null, ALL_SATISFIED), SurveyRefused.Reason.UNKNOWN);
        assertReason(() -> surveys.answer(later.codes().get(0), ALL_SATISFIED), SurveyRefused.Reason.NOT_OPEN);
        assertReason(
                () -> surveys.answer(closing.codes().get(0), List.of("SATISFIED")), SurveyRefused.Reason.INCOMPLETE);
        assertReason(
                () -> surveys.answer(closing.codes().get(0), Collections.nCopies(5, "MAYBE")),
                SurveyRefused.Reason.INCOMPLETE);
        clock.advance(Duration.ofDays(2));
        assertReason(() -> surveys.answer(closing.codes().get(0), ALL_SATISFIED), SurveyRefused.Reason.CLOSED);

        assertThat(answers()).isEqualTo(before);
        assertThat(unusedCodes(closing.survey().id())).isEqualTo(1);
    }

    @Test
    void badSurveysAreRefusedWithTheirFaultsAndNothingIsWritten() {
        long before = jdbc.sql("select count(*) from survey").query(Long.class).single();
        long codes =
                jdbc.sql("select count(*) from survey_code").query(Long.class).single();
        String unit = String.valueOf(street());

        assertThatThrownBy(() ->
                        surveys.create(supervisor(), new Surveys.NewSurvey(unit, "零人", "服务态度", day(0), day(3), "0")))
                .isInstanceOf(JiesuException.class)
                .hasMessageContaining("between 1 and 2000");
        assertThatThrownBy(() ->
                        surveys.create(supervisor(), new Surveys.NewSurvey(unit, "倒置", "服务态度", day(5), day(1), "10")))
                .isInstanceOf(JiesuException.class)
                .hasMessageContaining("before it opens");
        assertThatThrownBy(() -> surveys.create(
                        supervisor(), new Surveys.NewSurvey("999999", "无此单位", "服务态度", day(0), day(1), "10")))
                .isInstanceOfSatisfying(
                        JiesuException.class,
                        e -> assertThat(e.status().value()).isEqualTo(404));
        assertThatThrownBy(() ->
                        surveys.create(supervisor(), new Surveys.NewSurvey(unit, "", "", "2026-13-01", "x", "many")))
                .isInstanceOfSatisfying(
                        JiesuException.class, e -> assertThat(e.problems()).hasSize(5));
        long manas = units.findByCode("652324").orElseThrow().id();
        assertThatThrownBy(() -> surveys.create(
                        actor("county"),
                        new Surveys.NewSurvey(String.valueOf(manas), "别县", "服务态度", day(0), day(1), "3")))
                .isInstanceOfSatisfying(
                        JiesuException.class,
                        e -> assertThat(e.status().value()).isEqualTo(403));

        assertThat(jdbc.sql("select count(*) from survey").query(Long.class).single())
                .isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from survey_code")
                        .query(Long.class)
                        .single())
                .isEqualTo(codes);
    }

    @Test
    void aBadSurveyOnThePageIsShownAgainWithItsProblemsInTheReadersLanguage() throws Exception {
        long before = jdbc.sql("select count(*) from survey").query(Long.class).single();
        Browser staff = new Browser(port);
        staff.signIn("supervisor");
        String form = staff.get("/assessment/surveys").body();
        HttpResponse<String> refused = staff.post(
                "/assessment/surveys",
                Map.of(
                        "_csrf", Browser.csrf(form),
                        "unit", String.valueOf(street()),
                        "title", "留着的标题",
                        "items", "服务态度",
                        "opensOn", day(5),
                        "closesOn", day(1),
                        "respondents", "0"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("id=\"sv-problems\"", "测评人数应在 1 到 2000 之间。", "早于开始日期", "value=\"留着的标题\"")
                .doesNotContain("between 1 and 2000");
        assertThat(jdbc.sql("select count(*) from survey").query(Long.class).single())
                .isEqualTo(before);
    }

    @Test
    void aRespondentAnswersOnThePublicPageWithoutSigningInAndOnlyOnce() throws Exception {
        Browser staff = new Browser(port);
        staff.signIn("supervisor");
        String form = staff.get("/assessment/surveys").body();
        HttpResponse<String> sheet = staff.post(
                "/assessment/surveys",
                Map.of(
                        "_csrf", Browser.csrf(form),
                        "unit", String.valueOf(street()),
                        "title", "页面测评",
                        "items", "服务态度\n办事效率",
                        "opensOn", day(0),
                        "closesOn", day(1),
                        "respondents", "2"));
        assertThat(sheet.statusCode()).isEqualTo(200);
        Matcher codes = Pattern.compile("class=\"sv-code\">([A-Z0-9-]{9})<").matcher(sheet.body());
        assertThat(codes.find()).isTrue();
        String code = codes.group(1);
        assertThat(sheet.body()).contains("data:text/csv", code.replace("-", "-"));

        Browser resident = new Browser(port);
        HttpResponse<String> enter = resident.get("/survey");
        assertThat(enter.statusCode()).isEqualTo(200);
        HttpResponse<String> opened =
                resident.post("/survey", Map.of("_csrf", Browser.csrf(enter.body()), "code", code));
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).contains("页面测评", "服务态度", "办事效率", "name=\"r1\"");
        Map<String, String> answer = new HashMap<>(
                Map.of("_csrf", Browser.csrf(opened.body()), "code", code, "r0", "SATISFIED", "r1", "DISSATISFIED"));
        HttpResponse<String> thanks = resident.post("/survey/answer", answer);
        assertThat(thanks.statusCode()).isEqualTo(200);
        assertThat(thanks.body()).contains("id=\"sv-thanks\"");

        answer.put("r1", "SATISFIED");
        HttpResponse<String> again = resident.post("/survey/answer", answer);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("这个测评码已经用过了").doesNotContain("sv-thanks");
        HttpResponse<String> unknown =
                resident.post("/survey", Map.of("_csrf", Browser.csrf(enter.body()), "code", "ACDE-FGHJ"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("没有这个测评码");

        long id = Long.parseLong(sheet.body().replaceAll("(?s).*/assessment/surveys/(\\d+).*", "$1"));
        HttpResponse<String> results = staff.get("/assessment/surveys/" + id);
        assertThat(results.statusCode()).isEqualTo(200);
        assertThat(results.body()).contains("已收回 1 份 / 发放 2 份", "data-dissatisfied=\"1\"", "sv-chart");
        assertThat(new Browser(port).get("/assessment/surveys").body()).doesNotContain("sv-list");
    }

    private Surveys.Created create(String title, int respondents, LocalDate opens, LocalDate closes) {
        return surveys.create(
                supervisor(),
                new Surveys.NewSurvey(
                        String.valueOf(street()),
                        title,
                        String.join("\n", Surveys.DEFAULT_ITEMS),
                        opens.toString(),
                        closes.toString(),
                        String.valueOf(respondents)));
    }

    private static void assertReason(Runnable call, SurveyRefused.Reason reason) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        SurveyRefused.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private Map<String, String> columns(String table) {
        Map<String, String> columns = new HashMap<>();
        jdbc.sql("select column_name, data_type from information_schema.columns where table_name = ?")
                .param(table)
                .query(rs -> {
                    columns.put(rs.getString(1), rs.getString(2));
                });
        return columns;
    }

    private long answers() {
        return jdbc.sql("select count(*) from survey_answer").query(Long.class).single();
    }

    private long unusedCodes(long survey) {
        return jdbc.sql("select count(*) from survey_code where survey_id = ? and not used")
                .param(survey)
                .query(Long.class)
                .single();
    }

    private LocalDate today() {
        return surveys.today();
    }

    private String day(int plus) {
        return today().plusDays(plus).toString();
    }

    private long street() {
        return units.findByCode("652301001").orElseThrow().id();
    }

    private Actor supervisor() {
        return actor("supervisor");
    }

    private Actor actor(String username) {
        return TestActors.named(accounts, username);
    }
}
