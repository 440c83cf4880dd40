package org.jiesu.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jiesu.Browser;
import org.jiesu.JourneySupport;
import org.jiesu.security.Actor;
import org.jiesu.security.UserAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The rate settings: changed from a month on with their history; a bad change is refused whole. */
class AssessmentSettingsTest extends JourneySupport {

    @Autowired
    Rates rates;

    @Autowired
    UserAccounts accounts;

    @AfterEach
    void forgetChanges() {
        jdbc.sql("delete from assessment_setting where note like 'settings test%'")
                .update();
    }

    private Actor actor(String username) {
        return TestActors.named(accounts, username);
    }

    private static String csrf(Browser browser) throws Exception {
        return Browser.csrf(browser.get("/staff").body());
    }

    private Map<String, String> form(String csrf, String from, String w1, String w2, String w3, String basic) {
        Map<String, String> form = new HashMap<>();
        form.put("_csrf", csrf);
        form.put("validFrom", from);
        form.put("weightResponse", w1);
        form.put("weightResolution", w2);
        form.put("weightSatisfaction", w3);
        form.put("basicSatisfaction", basic);
        form.put("excludeReturned", "true");
        form.put("excludeMerged", "true");
        form.put("note", "settings test");
        return form;
    }

    @Test
    void weightsThatDoNotSumTo100AreRefusedWithAClearMessageAndNothingChanges() throws Exception {
        Browser admin = new Browser(port);
        admin.signIn("admin");
        long before = count("assessment_setting");
        String next = rates.thisMonth().plusMonths(1).toString();

        HttpResponse<String> refused =
                admin.post("/admin/assessment", form(csrf(admin), next, "10", "45", "35", "0.8"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("三项权重合计 90%，应为 100%。");

        HttpResponse<String> several =
                admin.post("/admin/assessment", form(csrf(admin), "2026-13", "x", "45", "45", "1.5"));
        assertThat(several.statusCode()).isEqualTo(400);
        assertThat(several.body()).contains("生效月份应写成", "响应率的权重应是 0 到 100 之间的整数", "“基本满意”的分值应是 0 到 1 之间的数");
        assertThat(count("assessment_setting")).isEqualTo(before);
    }

    @Test
    void aChangeAppliesFromItsMonthAndLeavesEarlierMonthsAsTheyWere() throws Exception {
        Browser admin = new Browser(port);
        admin.signIn("admin");
        YearMonth now = rates.thisMonth();
        Scope scope = rates.scope(actor("supervisor"), null);
        Period thisMonth = Period.month(now);
        Period nextMonth = Period.month(now.plusMonths(1));

        HttpResponse<String> saved = admin.post(
                "/admin/assessment", form(csrf(admin), now.plusMonths(1).toString(), "0", "100", "0", "0.5"));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("新规则已保存，自 " + now.plusMonths(1) + " 起生效。");
        HttpResponse<String> page = admin.get("/admin/assessment");
        assertThat(page.body()).contains("settings test", now.plusMonths(1).toString());

        RateSettings before = rates.settings(thisMonth);
        RateSettings after = rates.settings(nextMonth);
        assertThat(before.weightResolution()).isEqualTo(45);
        assertThat(after.weightResolution()).isEqualTo(100);
        assertThat(after.basicSatisfaction()).isEqualTo(0.5);
        assertThat(after.exclusions()).containsExactly("RETURNED", "MERGED");

        // A period ending in the new month is scored by resolution alone.
        Period both = new Period(now, now.plusMonths(1));
        UnitRates r = rates.unitRates(List.of(scope.root().id()), both)
                .get(scope.root().id());
        if (r.resolution().value() != null) {
            assertThat(r.score()).isEqualTo(Math.round(r.resolution().value() * 1000) / 10.0);
        }
        // This month alone keeps the weights it had.
        UnitRates old = rates.unitRates(List.of(scope.root().id()), thisMonth)
                .get(scope.root().id());
        assertThat(old.score())
                .isEqualTo(Rate.composite(old.response(), old.resolution(), old.satisfaction(), 0.10, 0.45, 0.45));
    }

    @Test
    void onlyAdministratorsChangeTheRules() throws Exception {
        Browser supervisor = new Browser(port);
        supervisor.signIn("supervisor");
        long before = count("assessment_setting");
        HttpResponse<String> refused = supervisor.post(
                "/admin/assessment",
                form(csrf(supervisor), rates.thisMonth().plusMonths(1).toString(), "10", "45", "45", "0.8"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(count("assessment_setting")).isEqualTo(before);
    }

    @Test
    void theRebuildButtonComputesTheSameFiguresAgain() throws Exception {
        Browser admin = new Browser(port);
        admin.signIn("admin");
        Scope scope = rates.scope(actor("supervisor"), null);
        Period quarter = new Period(rates.thisMonth().minusMonths(2), rates.thisMonth());
        UnitRates before = rates.unitRates(List.of(scope.root().id()), quarter)
                .get(scope.root().id());

        HttpResponse<String> rebuilt = admin.post("/admin/assessment/rebuild", Map.of("_csrf", csrf(admin)));
        assertThat(rebuilt.statusCode()).isEqualTo(200);
        assertThat(rebuilt.body()).contains("汇总已从全部工单重算");

        UnitRates after = rates.unitRates(List.of(scope.root().id()), quarter)
                .get(scope.root().id());
        assertThat(after.response().tally()).isEqualTo(before.response().tally());
        assertThat(after.resolution().tally()).isEqualTo(before.resolution().tally());
        assertThat(after.satisfaction().tally()).isEqualTo(before.satisfaction().tally());
        assertThat(before.response().denominator()).isPositive();
    }
}
