package org.jiesu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An administrator's journey: the admin start page, an area file uploaded through the file input with its report and
 * the new polygon on the map, the unit tree, a new user and a new Open311 key.
 */
class AdminJourneyIT extends BrowserJourney {

    private static final String GRID = "652301001001-01";

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAdministratorImportsAnAreaFileCreatesAUserAndIssuesAKey() throws Exception {
        login("admin");
        open("/admin");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("系统管理");
        assertThat(driver.findElement(By.id("card-units")).getText()).contains(String.valueOf(count("unit")));
        screenshot("admin-index");

        driver.findElement(By.id("card-areas")).click();
        waitFor(By.cssSelector("#area-map[data-drawn]"));
        assertThat(Integer.parseInt(driver.findElement(By.id("area-map")).getAttribute("data-drawn")))
                .isGreaterThan(10);

        // A small FeatureCollection for one demo grid: its area as it is, so the tiling of its community still holds.
        String area = jdbc.sql("select area::text from unit where code = ?")
                .param(GRID)
                .query(String.class)
                .single();
        Path file = Files.createTempFile("jiesu-area-", ".geojson");
        Files.writeString(
                file,
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"" + GRID
                        + "\"},\"geometry\":" + area + "}]}",
                StandardCharsets.UTF_8);
        long changesBefore = auditLines("AREA_CHANGED");
        driver.findElement(By.id("area-file")).sendKeys(file.toAbsolutePath().toString());
        driver.findElement(By.id("area-import")).click();

        String report = waitForVisible(By.id("report")).getText();
        assertThat(report)
                .contains("已导入 1 个区域", "嘉顺社区第一网格", GRID, file.getFileName().toString());
        assertThat(auditLines("AREA_CHANGED")).isEqualTo(changesBefore + 1);
        waitFor(By.cssSelector("#area-map[data-highlighted='1']"));
        assertThat(driver.findElements(By.cssSelector("#area-map path.ad-imported")))
                .hasSize(1);
        Files.delete(file);
        script("window.scrollTo(0, 0)");
        screenshot("admin-areas");

        open("/admin/units");
        assertThat(driver.findElement(By.cssSelector(".ad-tree")).getText())
                .contains("昌吉回族自治州", "嘉顺社区第一网格", "嘉顺物业服务有限公司");
        screenshot("admin-units");

        open("/admin/users");
        long community = jdbc.sql("select id from unit where code = '652301001001'")
                .query(Long.class)
                .single();
        driver.findElement(By.id("user-username")).sendKeys("sunqi");
        driver.findElement(By.id("user-display")).sendKeys("孙七");
        new Select(driver.findElement(By.id("user-role"))).selectByValue("GRID_WORKER");
        new Select(driver.findElement(By.id("user-unit"))).selectByValue(String.valueOf(community));
        driver.findElement(By.id("user-password")).sendKeys("sun-qi-2026-grid");
        driver.findElement(By.cssSelector("#new-user button[type=submit]")).click();
        waiting().until(d -> d.findElement(By.tagName("body")).getText().contains("已新增用户 sunqi"));
        assertThat(jdbc.sql("select role || ' ' || unit_id from app_user where username = 'sunqi'")
                        .query(String.class)
                        .single())
                .isEqualTo("GRID_WORKER " + community);
        assertThat(driver.findElement(By.cssSelector("table")).getText()).contains("sunqi", "孙七", "网格员");
        screenshot("admin-users");

        open("/admin/api-keys");
        driver.findElement(By.id("client-name")).sendKeys("街道小程序");
        driver.findElement(By.cssSelector("form[action$='/admin/api-keys'] button[type=submit]"))
                .click();
        String key = waitForVisible(By.id("issued-key")).getAttribute("value");
        assertThat(key).matches("[a-z2-9]{32}");
        assertThat(jdbc.sql("select count(*) from open311_client where name = '街道小程序' and revoked_at is null")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        screenshot("admin-api-keys");
        open("/admin/api-keys");
        assertThat(driver.getPageSource()).contains("街道小程序").doesNotContain(key);
    }

    @Test
    void everyAdminPagePassesTheMachineChecksInChineseUyghurAndEnglish() throws Exception {
        String audit;
        try (java.io.InputStream in = getClass().getResourceAsStream("/browser/audit.js")) {
            audit = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        login("admin");
        java.util.List<String> problems = new java.util.ArrayList<>();
        for (String lang : java.util.List.of("zh", "ug", "en")) {
            for (String page : java.util.List.of(
                    "/admin",
                    "/admin/units?edit=43",
                    "/admin/areas",
                    "/admin/categories?edit=ENV",
                    "/admin/catalogue?edit=1",
                    "/admin/time-rules",
                    "/admin/calendar",
                    "/admin/users?edit=grid",
                    "/admin/api-keys")) {
                open(page + (page.contains("?") ? "&" : "?") + "lang=" + lang);
                assertThat(driver.findElements(By.cssSelector(".error-page")))
                        .as(page)
                        .isEmpty();
                @SuppressWarnings("unchecked")
                java.util.List<String> found = (java.util.List<String>) script(audit);
                found.forEach(problem -> problems.add(page + " " + lang + ": " + problem));
            }
        }
        assertThat(problems).isEmpty();
        open("/admin/users?lang=ug");
        assertThat(script("return document.documentElement.dir")).isEqualTo("rtl");
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("ئىشلەتكۈچىلەر");
        open("/admin?lang=zh");
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private long auditLines(String action) {
        return jdbc.sql("select count(*) from audit_entry where action = ?")
                .param(action)
                .query(Long.class)
                .single();
    }
}
