package org.jiesu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A supervisor reads the dashboard: the rates, the charts and the map are drawn, and a number leads to exactly the
 * orders it counts.
 */
class SupervisorJourneyIT extends BrowserJourney {

    @Test
    void aSupervisorOpensTheDashboardAndDrillsIntoANumber() throws IOException {
        login("supervisor");
        open("/dashboard?period=quarter");
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("督办看板");

        // ECharts draws on canvas: the sparklines of the three cards and the three volume charts.
        waitFor(By.cssSelector("#chart-category canvas"));
        for (String chart : List.of(
                "spark-response",
                "spark-resolution",
                "spark-satisfaction",
                "chart-day",
                "chart-category",
                "chart-unit")) {
            assertThat(driver.findElements(By.cssSelector("#" + chart + " canvas")))
                    .as(chart)
                    .isNotEmpty();
        }
        // Leaflet draws the areas from our own GeoJSON as SVG paths, and a dot per request with a place.
        assertThat(script("return document.body.getAttribute('data-db-error')")).isNull();
        waitFor(By.cssSelector("#db-map svg path"));
        long paths = driver.findElements(By.cssSelector("#db-map svg path")).size();
        assertThat(paths).as("areas and request points").isGreaterThan(3);
        assertThat(driver.findElements(By.cssSelector("#db-map img.leaflet-tile")))
                .as("no tiles without jiesu.map.tile-url")
                .isEmpty();

        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) script(auditScript());
        assertThat(problems).as("machine accessibility checks of the dashboard").isEmpty();
        screenshot("supervisor-dashboard");

        WebElement number = driver.findElement(By.cssSelector(".db-card[data-metric=response] a.db-numerator"));
        long shown = Long.parseLong(number.getText().strip());
        assertThat(shown)
                .as("the demo gives a response numerator worth clicking")
                .isPositive();
        scrollTo(number);
        number.click();

        waiting().until(d -> d.getCurrentUrl().contains("/dashboard/orders"));
        waitFor(By.id("drill-total"));
        assertThat(Long.parseLong(
                        driver.findElement(By.id("drill-total")).getText().strip()))
                .isEqualTo(shown);
        assertThat(driver.findElements(By.cssSelector("tr.db-row"))).hasSize((int) Math.min(shown, 50));
        assertThat(driver.findElement(By.cssSelector(".db-what")).getText()).contains("响应率", "按时签收");
        @SuppressWarnings("unchecked")
        List<String> drillProblems = (List<String>) script(auditScript());
        assertThat(drillProblems)
                .as("machine accessibility checks of the drill-down")
                .isEmpty();
        screenshot("supervisor-drilldown");

        // Each row leads to its order.
        driver.findElement(By.cssSelector("tr.db-row a")).click();
        waiting().until(d -> d.getCurrentUrl().matches(".*/orders/\\d+$"));
    }

    @Test
    void theDashboardReadsInUyghurRightToLeft() throws IOException {
        login("supervisor");
        open("/dashboard?period=quarter&lang=ug");
        assertThat(script("return document.documentElement.dir")).isEqualTo("rtl");
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("نازارەت تاختىسى");
        waitFor(By.cssSelector("#chart-category canvas"));
        waitFor(By.cssSelector("#db-map svg path"));
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) script(auditScript());
        assertThat(problems).as("machine accessibility checks in Uyghur").isEmpty();
        screenshot("supervisor-dashboard-ug");
    }

    private void scrollTo(WebElement element) {
        script("arguments[0].scrollIntoView({block: 'center'})", element);
    }
}
