package org.jiesu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The language switch on every page, and a Uyghur page that really runs right to left. */
class LanguagesJourneyIT extends BrowserJourney {

    @Test
    void theHomePageOpensInChineseAndSwitchesToUyghurAndEnglish() {
        open("/");
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("接诉即办");
        assertThat(script("return document.documentElement.dir")).isEqualTo("ltr");
        screenshot("home-zh");

        driver.findElement(By.cssSelector(".lang-switch a[hreflang=ug]")).click();
        waitFor(By.cssSelector("html[dir=rtl]"));
        assertThat(script("return document.documentElement.lang")).isEqualTo("ug-Arab");
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("ھۆكۈمەت");
        // Right to left for real: the brand starts the header bar, so in Uyghur it sits at the right edge.
        WebElement brand = driver.findElement(By.cssSelector(".brand"));
        long width = ((Number) script("return document.documentElement.clientWidth")).longValue();
        assertThat(brand.getRect().getX()).isGreaterThan((int) (width / 2));
        screenshot("home-ug");

        // The choice is remembered: the next page opens in Uyghur without a parameter.
        open("/track");
        assertThat(script("return document.documentElement.dir")).isEqualTo("rtl");

        driver.findElement(By.cssSelector(".lang-switch a[hreflang=en]")).click();
        waitFor(By.cssSelector("html[lang=en]"));
        assertThat(driver.getCurrentUrl()).contains("/track");
        open("/");
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("government");
        assertThat(driver.findElement(By.cssSelector(".brand")).getRect().getX())
                .isLessThan(200);
        screenshot("home-en");
    }

    @Test
    void theSignInPageSpeaksTheChosenLanguageAndSignsIn() {
        open("/login?lang=en");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Staff sign-in");
        login("operator");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Workspace");
        assertThat(driver.findElement(By.cssSelector(".cards")).getText()).contains("Record a request");
        screenshot("staff-home-en");
    }
}
