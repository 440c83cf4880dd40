package org.jiesu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jiesu.Browser;
import org.jiesu.units.UnitDirectory;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A community handler finds a new order in the inbox, signs for it and replies, without reloading a page. */
class UnitJourneyIT extends BrowserJourney {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UnitDirectory units;

    @Test
    void aCommunityHandlerSignsAndReplies() throws Exception {
        long orderId = dispatchToJiashun("嘉顺社区 9 号楼前的路灯不亮，晚上很黑。");

        login("community");
        open("/inbox");
        WebElement row = waitFor(By.id("order-row-" + orderId));
        assertThat(row.getText()).contains("新", "签收时限", "剩余");
        WebElement countdown = row.findElement(By.cssSelector(".cs-due-time"));
        String first = countdown.getText();
        new WebDriverWait(driver, Duration.ofSeconds(5))
                .until(d -> !countdown.getText().equals(first));
        assertThat(driver.findElement(By.id("cs-new-badge")).getText()).contains("新到");
        screenshot("unit-inbox");

        row.findElement(By.cssSelector("a[href$='/orders/" + orderId + "']")).click();
        waitFor(By.id("cs-sign"));
        // A marker on the window: a full page load would drop it, an htmx swap keeps it.
        script("window.jiesuNoReload = 'still here';");

        driver.findElement(By.id("cs-sign")).click();
        waitForText(By.id("cs-done"), "已签收");
        assertThat(driver.findElement(By.id("cs-state")).getText()).isEqualTo("办理中");
        assertThat(script("return window.jiesuNoReload")).isEqualTo("still here");
        assertThat(state(orderId)).isEqualTo("SIGNED");

        driver.findElement(By.id("cs-reply-submit")).click();
        waitFor(By.id("reply-text-error"));
        assertThat(state(orderId)).isEqualTo("SIGNED");

        driver.findElement(By.id("reply-text")).sendKeys("已更换路灯灯泡，今晚起正常照明。");
        driver.findElement(By.id("cs-reply-submit")).click();
        waitForText(By.id("cs-done"), "已答复");
        assertThat(driver.findElement(By.id("cs-reply")).getText()).contains("已更换路灯灯泡");
        assertThat(driver.findElement(By.id("cs-state")).getText()).isEqualTo("已答复");
        assertThat(driver.findElement(By.id("cs-history")).getText()).contains("签收", "答复");
        assertThat(script("return window.jiesuNoReload")).isEqualTo("still here");
        assertThat(state(orderId)).isEqualTo("REPLIED");
        screenshot("unit-order");

        // The same pages in Uyghur run right to left, the countdown in Uyghur words.
        open("/inbox?lang=ug");
        assertThat(script("return document.documentElement.dir")).isEqualTo("rtl");
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("خىزمەت تالونلىرى");
        screenshot("unit-inbox-ug");
        List<String> problems = new ArrayList<>();
        for (String page : List.of("/inbox", "/orders/" + orderId)) {
            for (String lang : List.of("zh", "ug")) {
                open(page + "?lang=" + lang);
                @SuppressWarnings("unchecked")
                List<String> found = (List<String>) script(audit());
                found.forEach(problem -> problems.add(page + " " + lang + ": " + problem));
            }
        }
        assertThat(problems).isEmpty();
        open("/inbox?lang=zh");
    }

    static String audit() throws IOException {
        try (InputStream in = UnitJourneyIT.class.getResourceAsStream("/browser/audit.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The operator records and dispatches a call through the console, over plain HTTP. */
    private long dispatchToJiashun(String text) throws Exception {
        Browser operator = new Browser(port);
        operator.signIn("operator");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", Browser.csrf(operator.get("/operator/new").body()));
        form.put("text", text);
        form.put("type", "HELP");
        form.put("urgency", "NORMAL");
        form.put(
                "communityId",
                String.valueOf(units.findByCode("652301001001").orElseThrow().id()));
        form.put("categoryCode", "URBAN_FACILITY");
        form.put("channel", "HOTLINE");
        HttpResponse<String> done = operator.post("/operator/new", form);
        Matcher order = Pattern.compile("工单 #(\\d+)").matcher(done.body());
        assertThat(order.find()).as("an order number on the console").isTrue();
        return Long.parseLong(order.group(1));
    }

    private String state(long orderId) {
        return jdbc.sql("select state from work_order where id = ?")
                .param(orderId)
                .query(String.class)
                .single();
    }

    private void waitForText(By locator, String text) {
        waiting().until(d -> d.findElement(locator).getText().contains(text));
    }
}
