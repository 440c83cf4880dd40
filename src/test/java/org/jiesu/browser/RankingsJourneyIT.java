package org.jiesu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/**
 * A supervisor reads the quarter's rankings: the trend charts are drawn, a unit's resolution rate leads to exactly
 * the orders it counts, and the XLSX export holds the rows the page shows.
 */
class RankingsJourneyIT extends BrowserJourney {

    @Test
    void aSupervisorFollowsAResolutionRateToItsOrdersAndExportsTheRanking() throws Exception {
        login("supervisor");
        open("/assessment/rankings?period=quarter");
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("考评排名");
        waitFor(By.cssSelector(".rk-trend canvas"));
        assertThat(driver.findElements(By.cssSelector(".rk-group")))
                .hasSameSizeAs(driver.findElements(By.cssSelector(".rk-trend canvas")));

        List<String[]> shown = new ArrayList<>();
        for (WebElement row : driver.findElements(By.cssSelector("tr.rk-row"))) {
            shown.add(new String[] {
                row.findElement(By.cssSelector(".rk-unit")).getText().strip(),
                row.findElement(By.cssSelector(".rk-rank")).getText().strip(),
                row.findElement(By.cssSelector(".rk-score")).getText().strip()
            });
        }
        assertThat(shown).as("the demo ranks units this quarter").hasSizeGreaterThan(3);

        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) script(auditScript());
        assertThat(problems).as("machine accessibility checks of the rankings").isEmpty();
        screenshot("supervisor-rankings");

        // The first unit with callbacks behind its resolution rate.
        WebElement rate = driver.findElements(By.cssSelector("td.rk-resolution a.rk-rate")).stream()
                .filter(a -> Long.parseLong(a.getAttribute("data-count")) > 0)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no unit had a resolution rate this quarter"));
        long denominator = Long.parseLong(rate.getAttribute("data-count"));
        String fraction = rate.findElement(By.xpath("following-sibling::span")).getText();
        assertThat(fraction).endsWith("/" + denominator + ")");
        String exportHref = driver.findElement(By.id("export-rankings-xlsx")).getAttribute("href");
        String rankingsUrl = driver.getCurrentUrl();

        script("arguments[0].scrollIntoView({block: 'center'})", rate);
        rate.click();
        waiting().until(d -> d.getCurrentUrl().contains("/dashboard/orders"));
        assertThat(driver.getCurrentUrl()).contains("metric=resolution", "from=", "to=");
        waitFor(By.id("drill-total"));
        assertThat(Long.parseLong(
                        driver.findElement(By.id("drill-total")).getText().strip()))
                .isEqualTo(denominator);
        assertThat(driver.findElements(By.cssSelector("tr.db-row"))).hasSize((int) Math.min(denominator, 50));
        assertThat(driver.findElement(By.cssSelector(".db-what")).getText()).contains("解决率");

        // The export link fetched with the browser's own session, as a click would download it.
        driver.get(rankingsUrl);
        waitFor(By.id("export-rankings-xlsx"));
        Cookie session = driver.manage().getCookieNamed("JSESSIONID");
        HttpResponse<byte[]> file = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(exportHref))
                                .header("Cookie", "JSESSIONID=" + session.getValue())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment;")
                .contains("filename*=UTF-8''");
        List<Row> rows;
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(file.body()))) {
            rows = book.getFirstSheet().read();
        }
        assertThat(rows).hasSize(shown.size() + 1);
        for (int i = 0; i < shown.size(); i++) {
            Row row = rows.get(i + 1);
            String[] page = shown.get(i);
            assertThat(row.getCellText(3)).as("row " + (i + 1)).isEqualTo(page[0]);
            assertThat(
                            row.getCellText(1).isEmpty()
                                    ? "—"
                                    : row.getCellAsNumber(1)
                                            .orElseThrow()
                                            .toBigInteger()
                                            .toString())
                    .as("rank of " + page[0])
                    .isEqualTo(page[1]);
            String score = row.getCellText(13).isEmpty()
                    ? "—"
                    : String.format(
                            "%.1f", row.getCellAsNumber(13).orElseThrow().doubleValue());
            assertThat(score).as("score of " + page[0]).isEqualTo(page[2]);
        }
    }

    @Test
    void theMonthlyReportPrintsFromAButton() throws Exception {
        login("supervisor");
        open("/assessment/report");
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("月度考评报告");
        // window.print blocks headless Chromium's script thread: count the calls instead of printing.
        script("window.__printed = 0; window.print = function () { window.__printed++; };");
        driver.findElement(By.id("rp-print")).click();
        assertThat(((Number) script("return window.__printed")).intValue()).isEqualTo(1);
        assertThat(script("return getComputedStyle(document.querySelector('.rp-section')).breakInside"))
                .isNotNull();
        screenshot("supervisor-report");
    }
}
