package org.jiesu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A resident without an account opens the public figures from the home page, then this month's "you pick, we test"
 * poll with its running count, a consultation meeting's report with what became of each matter, and the volunteer
 * activities coming up; all from the demo's community work (DemoCommunity).
 */
class CommunityJourneyIT extends BrowserJourney {

    private String main() {
        return driver.findElement(By.tagName("main")).getText();
    }

    @SuppressWarnings("unchecked")
    private void accessible(String page) {
        assertThat((List<String>) script(auditScript()))
                .as("machine accessibility checks of " + page)
                .isEmpty();
    }

    @Test
    void aResidentReadsThePublicFiguresAPollAMeetingReportAndTheActivities() {
        open("/");
        driver.findElement(By.cssSelector("header a[href$='/public']")).click();
        waitFor(By.cssSelector("#tp-trend canvas"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isNotBlank();
        assertThat(Integer.parseInt(driver.findElement(By.cssSelector(".tp-year-total"))
                        .getText()
                        .replace(",", "")))
                .as("the demo's requests of this year are counted")
                .isPositive();
        accessible("the public figures");
        screenshot("public-transparency");

        open("/public/polls");
        List<WebElement> polls = driver.findElements(By.cssSelector("li.pl-card h2 a"));
        assertThat(polls).extracting(WebElement::getText).contains("这个冬天，您最想让我们抽检什么？");
        polls.stream()
                .filter(a -> a.getText().equals("这个冬天，您最想让我们抽检什么？"))
                .findFirst()
                .orElseThrow()
                .click();
        waitFor(By.id("pl-tally"));
        assertThat(driver.findElements(By.cssSelector("#pl-tally tr[id^='share-']")))
                .hasSize(5);
        assertThat(main()).contains("散装白酒", "鲜鸡蛋");
        assertThat(driver.findElements(By.id("pl-phone")))
                .as("an open poll takes votes")
                .isNotEmpty();
        accessible("the poll");
        screenshot("public-poll");

        open("/public/meetings");
        driver.findElement(By.linkText("小区环境和出行安全")).click();
        waitFor(By.id("matters"));
        assertThat(driver.findElement(By.id("mt-attendance")).getText()).contains("36");
        List<WebElement> matters = driver.findElements(By.cssSelector("#matters .mt-matter"));
        assertThat(matters).as("the three matters raised at the meeting").hasSize(3);
        assertThat(driver.findElements(By.cssSelector("#matters .mt-code"))).hasSize(3);
        accessible("the meeting report");
        screenshot("public-meeting");

        open("/public/activities");
        assertThat(main()).contains("进村义诊");
        accessible("the volunteer calendar");
        screenshot("public-activities");
    }
}
