package org.jiesu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A hotline operator records a call with the keyboard alone and dispatches it with one key. */
class OperatorJourneyIT extends BrowserJourney {

    private static final Pattern ORDER = Pattern.compile("工单 #(\\d+)");

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOperatorRecordsACallWithTheKeyboardAndDispatchesIt() throws Exception {
        login("operator");
        open("/operator/new");
        long started = System.nanoTime();

        // The phone field has the focus: the operator types straight away.
        WebElement focused = driver.switchTo().activeElement();
        assertThat(focused.getAttribute("id")).isEqualTo("contactPhone");
        focused.sendKeys("13955556666");
        keys(Keys.TAB);
        assertThat(active()).isEqualTo("text");
        keys("嘉顺社区 5 号楼单元门的门禁坏了，小区公共设施没人修，老人进不去门。");
        keys(Keys.TAB); // type
        keys(Keys.TAB); // urgency
        keys(Keys.TAB); // community
        assertThat(active()).isEqualTo("communityId");
        long jiashun = ((Number) script("var s = document.getElementById('communityId');"
                        + " return Array.from(s.options).findIndex(o => o.text === '嘉顺社区');"))
                .longValue();
        for (int i = 0; i < jiashun; i++) {
            keys(Keys.ARROW_DOWN);
        }
        assertThat(script("var s = document.getElementById('communityId'); return s.options[s.selectedIndex].text"))
                .isEqualTo("嘉顺社区");
        keys(Keys.TAB);
        assertThat(active()).isEqualTo("address");
        keys("嘉顺路 8 号");

        // The caller's earlier requests and the suggestions arrive as the operator types.
        waitForText(By.id("cs-caller"), "这个号码没有以往诉求");
        waitFor(By.cssSelector("#cs-suggestions .cs-pick"));
        new Actions(driver).keyDown(Keys.ALT).sendKeys("1").keyUp(Keys.ALT).perform();
        assertThat(script("return document.getElementById('categoryCode').value"))
                .isEqualTo("URBAN_FACILITY");
        waitForText(By.id("cs-suggestions"), "派单目录给出的单位");
        waitForText(By.id("cs-suggestions"), "嘉顺社区");
        screenshot("operator-console");
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) script(UnitJourneyIT.audit());
        assertThat(problems).isEmpty();

        // One key records and dispatches; the console comes back empty with the order number.
        new Actions(driver)
                .keyDown(Keys.CONTROL)
                .sendKeys(Keys.ENTER)
                .keyUp(Keys.CONTROL)
                .perform();
        WebElement done = waitForText(By.id("cs-done"), "已受理并派单");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(1));
        Matcher order = ORDER.matcher(done.getText());
        assertThat(order.find()).isTrue();
        long orderId = Long.parseLong(order.group(1));
        assertThat(driver.findElement(By.id("text")).getAttribute("value")).isEmpty();
        assertThat(active()).isEqualTo("contactPhone");
        assertThat(jdbc.sql("""
                        select o.state || ' ' || u.name || ' ' || q.status from work_order o
                        join unit u on u.id = o.unit_id join request q on q.id = o.request_id where o.id = ?""").param(orderId).query(String.class).single()).isEqualTo("DISPATCHED 嘉顺社区 DISPATCHED");
        screenshot("operator-console-done");
    }

    @Test
    void badInputIsShownNextToTheFieldAndNothingIsSaved() {
        login("operator");
        open("/operator/new");
        long before = jdbc.sql("select count(*) from request").query(Long.class).single();

        driver.switchTo().activeElement().sendKeys("12ab");
        new Actions(driver)
                .keyDown(Keys.CONTROL)
                .sendKeys(Keys.ENTER)
                .keyUp(Keys.CONTROL)
                .perform();

        waitFor(By.id("text-error"));
        assertThat(driver.findElement(By.id("contactPhone-error")).getText()).contains("电话号码");
        assertThat(driver.findElement(By.id("contactPhone")).getAttribute("value"))
                .isEqualTo("12ab");
        assertThat(driver.findElement(By.id("contactPhone")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(jdbc.sql("select count(*) from request").query(Long.class).single())
                .isEqualTo(before);
    }

    private void keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    private String active() {
        return driver.switchTo().activeElement().getAttribute("id");
    }

    private WebElement waitForText(By locator, String text) {
        waiting().until(d -> d.findElement(locator).getText().contains(text));
        return driver.findElement(locator);
    }
}
