package org.jiesu.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jiesu.JiesuTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A journey in a real browser: Debian's chromium, headless, driven through chromedriver against the whole application
 * on a random port (the demo prefecture on embedded PostgreSQL). Each test gets a fresh browser with an empty profile.
 * Journeys are Failsafe tests (*IT), run by {@code ./mvnw verify}.
 *
 * <p>Without chromium the journeys are skipped, unless {@code -Djiesu.browser.required=true} (CI) makes that a
 * failure. Screenshots go to target/screenshots, and also to the folder named by {@code -Djiesu.screenshots}
 * (docs/screenshots to refresh the README's pictures).
 */
@JiesuTest
public abstract class BrowserJourney {

    static final Path CHROMIUM = Path.of(System.getProperty("jiesu.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("jiesu.chromedriver", "/usr/bin/chromedriver"));

    @LocalServerPort
    protected int port;

    protected WebDriver driver;

    private Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            if (Boolean.getBoolean("jiesu.browser.required")) {
                fail("Browser journeys need " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (Debian: apt-get install chromium chromium-driver)");
            }
            Assumptions.abort("chromium or chromedriver is not installed; browser journeys skipped");
        }
        profile = Files.createTempDirectory("jiesu-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--force-device-scale-factor=1",
                "--lang=zh-CN",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        desktop();
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Opens a page of the application and waits until it has loaded. */
    protected void open(String path) {
        driver.get(url(path));
        waitFor(By.tagName("footer"));
    }

    /** Signs in through the login form as one of the demo accounts (password jiesu-demo unless given). */
    protected void login(String username) {
        login(username, "jiesu-demo");
    }

    protected void login(String username, String password) {
        open("/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form[action$='/login'] button[type=submit]"))
                .click();
        waiting().until(d -> !d.getCurrentUrl().contains("/login"));
        assertThat(driver.findElements(By.cssSelector("form.sign-out"))).isNotEmpty();
    }

    /** A phone: 412 × 915 CSS pixels. */
    protected void mobile() {
        driver.manage().window().setSize(new Dimension(412, 915));
    }

    protected void desktop() {
        driver.manage().window().setSize(new Dimension(1366, 900));
    }

    /**
     * Waits up to 15 s. An element read while a form's answer replaces the page goes stale; the condition is then
     * tried again on the new page rather than failing the journey.
     */
    protected FluentWait<WebDriver> waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);
    }

    protected WebElement waitFor(By locator) {
        return waiting().until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    protected WebElement waitForVisible(By locator) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    protected Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Saves the whole page as PNG under target/screenshots (and the folder of {@code -Djiesu.screenshots}): the window
     * is stretched to the page's height first, so the picture shows all of it.
     */
    /** The machine accessibility checks (src/test/resources/browser/audit.js); run with {@link #script}. */
    protected static String auditScript() {
        try (java.io.InputStream in = BrowserJourney.class.getResourceAsStream("/browser/audit.js")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    protected Path screenshot(String name) {
        Dimension before = driver.manage().window().getSize();
        long height = ((Number)
                        script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)"))
                .longValue();
        driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(Math.max(height, 600), 4000)));
        try {
            Path png =
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
            String docs = System.getProperty("jiesu.screenshots", "");
            if (!docs.isBlank()) {
                Path copy = Path.of(docs, name + ".png");
                Files.createDirectories(copy.getParent());
                Files.copy(png, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }
}
