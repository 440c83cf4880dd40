package org.jiesu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.jiesu.Api;
import org.jiesu.units.UnitDirectory;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A resident on a phone files a request in a few taps (a suggested category, a community, a photo), follows it by its
 * tracking code, and rates it once the unit has replied; the form in Uyghur runs right to left, and in English.
 */
class ResidentJourneyIT extends BrowserJourney {

    /** A whole 1×1 PNG. */
    private static final byte[] PNG = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UnitDirectory units;

    /** The machine checks of the lead's accessibility journey (labels, names, ids, contrast) on the page as it is now. */
    @SuppressWarnings("unchecked")
    private java.util.List<String> audit() throws java.io.IOException {
        try (java.io.InputStream in = ResidentJourneyIT.class.getResourceAsStream("/browser/audit.js")) {
            return (java.util.List<String>)
                    script(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void aResidentFilesOnAPhoneTracksTheRequestAndRatesTheReply() throws Exception {
        mobile();
        open("/submit");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("我要反映");

        driver.findElement(By.id("text")).sendKeys("嘉顺社区 5 号楼前的路灯坏了一个星期，晚上很黑，老人出门不方便。");
        WebElement suggestion = waitForVisible(By.cssSelector(".rs-cat[data-code=URBAN_FACILITY]"));
        waitForVisible(By.cssSelector(".rs-answer"));
        assertThat(driver.findElement(By.cssSelector(".rs-answers")).getText()).contains("路灯");
        suggestion.click();
        assertThat(new Select(driver.findElement(By.id("categoryCode")))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEqualTo("URBAN_FACILITY");
        assertThat(driver.findElement(By.cssSelector(".rs-cat[data-code=URBAN_FACILITY]"))
                        .getAttribute("aria-pressed"))
                .isEqualTo("true");

        assertThat(audit()).as("accessibility of the form with suggestions").isEmpty();

        // The map draws the communities from our own GeoJSON; the list works the same without it.
        waitFor(By.cssSelector("#rs-map path.leaflet-interactive"));
        new Select(driver.findElement(By.id("communityId"))).selectByVisibleText("嘉顺社区");

        Path photo = Files.createTempFile("lamp-", ".png");
        Files.write(photo, PNG);
        driver.findElement(By.id("photos")).sendKeys(photo.toAbsolutePath().toString());
        driver.findElement(By.id("contactPhone")).sendKeys("13812345678");
        script("window.scrollTo(0, 0)");
        screenshot("resident-submit-zh");

        driver.findElement(By.id("rs-submit")).click();
        String code = waitForVisible(By.id("tracking-code")).getText().strip();
        assertThat(code).matches("JS\\d{6}(-[0-9A-Z]{6}){3}");
        long requestId = jdbc.sql("select id from request where tracking_code = ? and category_code = 'URBAN_FACILITY'")
                .param(code)
                .query(Long.class)
                .single();
        assertThat(jdbc.sql("select count(*) from attachment where request_id = ?")
                        .param(requestId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        driver.findElement(By.id("rs-track-link")).click();
        assertThat(waitForVisible(By.id("rs-status")).getAttribute("data-status"))
                .isEqualTo("RECEIVED");
        WebElement thumbnail = waitForVisible(By.cssSelector(".rs-thumbs img"));
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> ((Number) script("return arguments[0].naturalWidth", thumbnail)).intValue() > 0);
        assertThat(driver.findElement(By.cssSelector(".rs-rating")).getText()).contains("单位答复后");

        // The unit answers: the hotline dispatches, the community signs for it and replies.
        Api api = new Api(port);
        Api.Response order = api.post("/api/v1/requests/" + requestId + "/dispatch", "operator", "{}");
        assertThat(order.status()).as(order.body().toString()).isEqualTo(201);
        assertThat(order.body().path("unitName").asText()).isEqualTo("嘉顺社区");
        assertThat(api.post("/api/v1/orders/" + order.id() + "/sign", "community", null)
                        .status())
                .isEqualTo(200);
        assertThat(api.post(
                                "/api/v1/orders/" + order.id() + "/reply",
                                "community",
                                Api.json("text", "已联系物业更换 5 号楼前的路灯，恢复照明。"))
                        .status())
                .isEqualTo(200);

        open("/track?code=" + code);
        assertThat(driver.findElement(By.id("rs-status")).getAttribute("data-status"))
                .isEqualTo("REPLIED");
        assertThat(driver.findElement(By.id("rs-reply")).getText()).contains("恢复照明");
        assertThat(driver.findElements(By.cssSelector(".rs-progress li.rs-done")))
                .hasSize(4);
        assertThat(audit())
                .as("accessibility of the tracking page with the rating form")
                .isEmpty();
        driver.findElement(By.cssSelector("input[name=resolved][value=yes]")).click();
        driver.findElement(By.id("satisfaction-SATISFIED")).click();
        driver.findElement(By.id("comment")).sendKeys("修得很快，谢谢。");
        driver.findElement(By.id("rs-rate")).click();
        waitForVisible(By.id("rs-rated"));
        assertThat(driver.findElement(By.cssSelector(".rs-rated")).getText()).contains("满意");
        assertThat(jdbc.sql("select satisfaction from resident_rating where request_id = ?")
                        .param(requestId)
                        .query(String.class)
                        .single())
                .isEqualTo("SATISFIED");
        screenshot("resident-track-zh");

        open("/submit?lang=ug");
        assertThat(script("return document.documentElement.dir")).isEqualTo("rtl");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("ئىلتىماس سۇنۇش");
        // Right to left for real: the label of the text starts at the right edge of the form.
        WebElement label = driver.findElement(By.cssSelector("label[for=text] span"));
        long width = ((Number) script("return document.documentElement.clientWidth")).longValue();
        assertThat(label.getRect().getX()).isGreaterThan((int) (width / 2));
        driver.findElement(By.id("text")).sendKeys("ئۆيىمىزنىڭ ئالدىدىكى يول چىرىغى بىر ھەپتىدىن بېرى بۇزۇق.");
        assertThat(audit()).as("accessibility of the Uyghur form").isEmpty();
        screenshot("resident-submit-ug");

        open("/track?code=" + code);
        assertThat(script("return document.documentElement.dir")).isEqualTo("rtl");
        assertThat(driver.findElement(By.id("rs-status")).getText()).isEqualTo("جاۋاب بېرىلدى");
        screenshot("resident-track-ug");

        open("/submit?lang=en");
        assertThat(script("return document.documentElement.dir")).isEqualTo("ltr");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Report a problem");
        assertThat(driver.findElement(By.cssSelector("label[for=text] span"))
                        .getRect()
                        .getX())
                .isLessThan(100);
        screenshot("resident-submit-en");
    }
}
