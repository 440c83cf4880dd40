package org.jiesu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A supervisor finds the demo's recurring matter at the top of the hot list, with its place on the map, reads its
 * requests, and makes it this month's theme with a lead department and a first task.
 */
class GovernanceJourneyIT extends BrowserJourney {

    @Test
    void aSupervisorTurnsTheHottestMatterIntoAMonthlyThemeWithATask() {
        login("supervisor");
        open("/governance/hot");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("热点问题");
        List<WebElement> rows = driver.findElements(By.cssSelector("tr.hot-row"));
        assertThat(rows).as("the demo has recurring matters").isNotEmpty();
        WebElement top = rows.get(0).findElement(By.cssSelector("td.hot-title a"));
        assertThat(top.getText()).contains("搅拌站");
        // The map draws one circle per listed cluster over the demo's areas.
        waiting()
                .until(d -> d.findElements(By.cssSelector("#hot-map path.leaflet-interactive"))
                                .size()
                        >= rows.size());
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) script(auditScript());
        assertThat(problems).as("machine accessibility checks of the hot list").isEmpty();
        screenshot("governance-hot");

        script("arguments[0].scrollIntoView({block: 'center'})", top);
        top.click();
        waitFor(By.cssSelector("#hot-chart canvas"));
        String size = driver.findElement(By.id("hot-size")).getText().strip();
        assertThat(driver.findElements(By.cssSelector("main table tbody tr"))).hasSize(Integer.parseInt(size));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("嘉顺路");
        screenshot("governance-cluster");
        String cluster = driver.getCurrentUrl().replaceAll(".*/", "");

        WebElement makeTheme = driver.findElement(By.id("hot-make-theme"));
        script("arguments[0].scrollIntoView({block: 'center'})", makeTheme);
        makeTheme.click();
        waitFor(By.id("th-title"));
        assertThat(driver.findElement(By.id("th-cluster-" + cluster)).isSelected())
                .as("the cluster comes preselected")
                .isTrue();
        driver.findElement(By.id("th-title")).sendKeys("嘉顺路搅拌站夜间施工扰民整治");
        Select lead = new Select(driver.findElement(By.id("th-lead")));
        lead.getOptions().stream()
                .filter(o -> o.getText().contains("住房"))
                .findFirst()
                .ifPresent(o -> lead.selectByValue(o.getAttribute("value")));
        driver.findElement(By.id("th-description")).sendKeys("两个月里多位居民反映同一搅拌站夜间施工的噪音和粉尘。");
        driver.findElement(By.id("th-save")).click();
        waiting().until(d -> d.getCurrentUrl().matches(".*/governance/themes/\\d+$"));

        driver.findElement(By.id("th-task-title")).sendKeys("夜间停工并核查环评手续");
        new Select(driver.findElement(By.id("th-task-unit"))).selectByIndex(1);
        String due = LocalDate.now().plusDays(10).toString();
        script("arguments[0].value = arguments[1]", driver.findElement(By.id("th-task-due")), due);
        WebElement add = driver.findElement(By.id("th-task-title"))
                .findElement(By.xpath("ancestor::form"))
                .findElement(By.cssSelector("button[type=submit]"));
        script("arguments[0].scrollIntoView({block: 'center'})", add);
        add.click();
        waiting().until(d -> d.findElement(By.tagName("main")).getText().contains("夜间停工并核查环评手续"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("嘉顺路搅拌站夜间施工扰民整治", "0 / 1");
        waitFor(By.cssSelector("#th-chart canvas"));
        script("window.scrollTo(0, 0)");
        screenshot("governance-theme");
    }
}
