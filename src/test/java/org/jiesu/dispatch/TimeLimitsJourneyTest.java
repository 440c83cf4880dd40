package org.jiesu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jiesu.Api;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Time limits and the working calendar as an administrator changes them, against the real database. Tests share
 * one database: whatever a test changes, it puts back afterwards.
 */
class TimeLimitsJourneyTest extends JourneySupport {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** Exports of the years a test replaced, to import back afterwards. */
    private final Map<Integer, String> replacedYears = new TreeMap<>();

    private boolean signRuleChanged;

    @AfterEach
    void restore() {
        replacedYears.forEach((year, csv) -> {
            Api.Response back = api.postText("/api/v1/calendar/import", "admin", "text/csv", csv);
            assertThat(back.status()).as(back.body().toString()).isEqualTo(200);
        });
        if (signRuleChanged) {
            Api.Response back = api.put(
                    "/api/v1/time-rules/SIGN", "admin", Api.json("amount", 2, "unit", "HOURS", "reason", "测试结束，恢复默认"));
            assertThat(back.status()).isEqualTo(200);
        }
    }

    @Test
    void theShippedCalendarIsLoaded() {
        Api.Response days = api.get("/api/v1/calendar?year=2026", "admin");

        assertThat(days.status()).isEqualTo(200);
        assertThat(days.body().toString())
                .contains("{\"date\":\"2026-10-01\",\"kind\":\"HOLIDAY\",\"name\":\"国庆节\"}")
                .contains("{\"date\":\"2026-10-10\",\"kind\":\"WORKDAY\",\"name\":\"国庆节调休\"}")
                .contains("{\"date\":\"2026-02-17\",\"kind\":\"HOLIDAY\",\"name\":\"春节\"}");
        assertThat(api.getText("/api/v1/calendar/export?year=2027", "admin"))
                .startsWith("date,kind,name\n")
                .contains("2027-10-01,HOLIDAY,国庆节");
    }

    @Test
    void aFileWithBadLinesIsRefusedWholeNamingEachLine() {
        long before = count("calendar_day");
        String exported = api.getText("/api/v1/calendar/export?year=2026", "admin");

        Api.Response refused = api.postText("/api/v1/calendar/import", "admin", "text/csv", """
                date,kind,name
                2026-12-31,HOLIDAY,年末
                2026-02-30,HOLIDAY,不存在的日子
                2026-12-30,FEAST,未知类别
                2026-12-29 半行
                """);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.text("detail"))
                .contains("line 3: '2026-02-30' is not a date")
                .contains("line 4: 'FEAST' is not a kind")
                .contains("line 5: expected 3 fields");
        assertThat(count("calendar_day")).isEqualTo(before);
        assertThat(api.getText("/api/v1/calendar/export?year=2026", "admin")).isEqualTo(exported);
    }

    @Test
    void onlyAnAdministratorImportsACalendar() {
        Api.Response refused = api.postText(
                "/api/v1/calendar/import", "supervisor", "text/plain", "date,kind,name\n2026-12-31,HOLIDAY,年末\n");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
    }

    @Test
    void anImportedHolidayMovesTheDeadlinesOfNewOrders() {
        Instant firstDeadline = Instant.parse(
                dispatchedAt("652301001002-01", "URBAN_FACILITY", "小区健身器材损坏").text("replyDeadline"));

        // The next three days become holidays: at least one of them is a working day today.
        LocalDate today = clock.instant().atZone(SHANGHAI).toLocalDate();
        Map<Integer, Map<LocalDate, String>> byYear = new TreeMap<>();
        for (int i = 1; i <= 3; i++) {
            LocalDate day = today.plusDays(i);
            byYear.computeIfAbsent(day.getYear(), this::linesOf).put(day, day + ",HOLIDAY,测试假日");
        }
        StringBuilder file = new StringBuilder("date,kind,name\n");
        byYear.values()
                .forEach(lines -> lines.values().forEach(l -> file.append(l).append('\n')));
        Api.Response imported = api.postText("/api/v1/calendar/import", "admin", "text/csv", file.toString());
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(200);

        Instant secondDeadline = Instant.parse(
                dispatchedAt("652301001002-01", "URBAN_FACILITY", "小区健身器材又坏了").text("replyDeadline"));

        assertThat(secondDeadline).isAfter(firstDeadline.plus(Duration.ofHours(23)));
    }

    /** The lines of a year as exported, keyed by date; the export is kept to restore the year afterwards. */
    private Map<LocalDate, String> linesOf(int year) {
        String csv = api.getText("/api/v1/calendar/export?year=" + year, "admin");
        replacedYears.put(year, csv);
        Map<LocalDate, String> lines = new LinkedHashMap<>();
        csv.lines().skip(1).forEach(l -> lines.put(LocalDate.parse(l.substring(0, 10)), l));
        return lines;
    }

    @Test
    void anAdministratorChangesATimeLimitAndTheChangeIsKept() {
        long historyBefore = count("time_rule_history");

        Api.Response changed = api.put(
                "/api/v1/time-rules/SIGN",
                "admin",
                Api.json("amount", 5, "unit", "HOURS", "reason", "偏远乡镇路程远，签收放宽到 5 小时"));
        signRuleChanged = true;

        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
        Api.Response order = dispatchedAt("652301001002-01", "URBAN_FACILITY", "路灯不亮");
        Instant dispatched = Instant.parse(order.text("dispatchedAt"));
        assertThat(Instant.parse(order.text("signDeadline"))).isEqualTo(dispatched.plus(Duration.ofHours(5)));
        assertThat(count("time_rule_history")).isEqualTo(historyBefore + 1);
        Api.Response history = api.get("/api/v1/time-rules/history", "admin");
        assertThat(history.body().get(0).path("ruleName").asString()).isEqualTo("SIGN");
        assertThat(history.body().get(0).path("actor").asString()).isEqualTo("admin");
        assertThat(history.body().get(0).path("oldAmount").asInt()).isEqualTo(2);
        assertThat(history.body().get(0).path("newAmount").asInt()).isEqualTo(5);
        assertThat(history.body().get(0).path("reason").asString()).isEqualTo("偏远乡镇路程远，签收放宽到 5 小时");
    }

    @Test
    void theHistoryOfTimeLimitsCannotBeRewritten() {
        assertThatThrownBy(() -> jdbc.sql("update time_rule_history set reason = 'changed'")
                        .update())
                .hasMessageContaining("append-only");
    }

    @Test
    void aNonAdministratorCannotChangeATimeLimit() {
        Api.Response refused = api.put(
                "/api/v1/time-rules/SIGN", "supervisor", Api.json("amount", 5, "unit", "HOURS", "reason", "想改"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
        assertThat(api.get("/api/v1/time-rules", "supervisor").body().toString())
                .contains("{\"name\":\"SIGN\",\"amount\":2,\"unit\":\"HOURS\"}");
    }

    @Test
    void aChangeWithoutAReasonOrWithAWrongUnitIsRefused() {
        long historyBefore = count("time_rule_history");

        Api.Response noReason = api.put("/api/v1/time-rules/SIGN", "admin", Api.json("amount", 5, "unit", "HOURS"));
        Api.Response countAsHours = api.put(
                "/api/v1/time-rules/MAX_EXTENSIONS", "admin", Api.json("amount", 5, "unit", "HOURS", "reason", "试试"));
        Api.Response limitAsCount =
                api.put("/api/v1/time-rules/ORDINARY", "admin", Api.json("amount", 5, "unit", "TIMES", "reason", "试试"));
        Api.Response zero = api.put(
                "/api/v1/time-rules/ORDINARY", "admin", Api.json("amount", 0, "unit", "WORKING_DAYS", "reason", "试试"));
        Api.Response unknown =
                api.put("/api/v1/time-rules/LUNCH", "admin", Api.json("amount", 1, "unit", "HOURS", "reason", "试试"));

        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.isProblem()).isTrue();
        assertThat(noReason.text("detail")).contains("reason");
        assertThat(countAsHours.status()).isEqualTo(400);
        assertThat(limitAsCount.status()).isEqualTo(400);
        assertThat(zero.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(count("time_rule_history")).isEqualTo(historyBefore);
    }
}
