package org.jiesu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jiesu.MainPages;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Every main page of every role, in Chinese and in Uyghur, through the checks a machine can make
 * (src/test/resources/browser/audit.js): labels on every field, a name on every button and link, the page's language,
 * unique ids, no forced tab order, and text contrast of at least WCAG AA. Also: the keyboard reaches the page's content
 * through the skip link.
 */
class AccessibilityJourneyIT extends BrowserJourney {

    @Test
    void everyMainPagePassesTheMachineChecksInChineseAndUyghur() throws IOException {
        String audit = auditScript();
        List<String> problems = new ArrayList<>();
        for (String role : MainPages.BY_ROLE.keySet()) {
            if (!role.isEmpty()) {
                login(role);
            }
            for (String page : MainPages.BY_ROLE.get(role)) {
                for (String lang : List.of("zh", "ug")) {
                    open(page + (page.contains("?") ? "&" : "?") + "lang=" + lang);
                    if (!driver.findElements(By.cssSelector(".error-page")).isEmpty()) {
                        problems.add(role + " " + page + " " + lang + ": the page did not open");
                        continue;
                    }
                    @SuppressWarnings("unchecked")
                    List<String> found = (List<String>) script(audit);
                    found.forEach(problem -> problems.add(role + " " + page + " " + lang + ": " + problem));
                }
            }
            if (!role.isEmpty()) {
                driver.manage().deleteAllCookies();
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theFirstTabOffersTheSkipLinkWhichMovesFocusToTheContent() {
        open("/submit");
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = driver.switchTo().activeElement();
        assertThat(focused.getAttribute("class")).contains("skip-link");
        assertThat(focused.isDisplayed()).isTrue();
        focused.sendKeys(Keys.ENTER);
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("main");
    }
}
