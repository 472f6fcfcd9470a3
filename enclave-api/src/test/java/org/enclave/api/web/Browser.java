package org.enclave.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for a test class, driven through the system's chromedriver given by path (so
 * Selenium never looks for a driver to download). Helpers for what every portal test checks: labels
 * on every field, no Content-Security-Policy violation, a screenshot of a page.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final String base;
    private final Path profile;

    Browser(String base) throws IOException {
        this.base = base;
        this.profile = Files.createTempDirectory("enclave-chromium-");
        System.setProperty("webdriver.chrome.driver", ChromiumAvailable.CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(ChromiumAvailable.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ChromiumAvailable.CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=en-GB");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    void open(String path) {
        driver.get(base + path);
    }

    /** Clicks what leads to another page and waits until that page has replaced this one. */
    void clickAndWait(WebElement element) {
        WebElement html = find("html");
        element.click();
        awaitNewPage(html);
    }

    void clickAndWait(String css) {
        clickAndWait(find(css));
    }

    /** Waits until {@code oldPage} (this page's root element) is gone and the new page has loaded. */
    void awaitNewPage(WebElement oldPage) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> gone(oldPage));
        wait.until(d -> "complete".equals(js("return document.readyState;")));
    }

    /**
     * Whether the element left the document. Chromium sometimes answers a question about a node of a page
     * being replaced with "does not belong to the document" instead of a stale reference: that is gone too.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Form fields (input, select, textarea) that are shown but have no label. */
    @SuppressWarnings("unchecked")
    List<String> unlabelledFields() {
        return (List<String>) js("""
                return Array.from(document.querySelectorAll('input, select, textarea'))
                  .filter(e => e.type !== 'hidden' && e.type !== 'submit')
                  .filter(e => !(e.labels && e.labels.length > 0) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
                  .map(e => e.name || e.id || e.outerHTML);""");
    }

    void assertAccessibleForm() {
        assertThat(unlabelledFields()).as("form fields without a label on " + path()).isEmpty();
        assertThat(all("main#main")).as("a main landmark on " + path()).hasSize(1);
        assertThat(all("a.skip-link[href='#main']")).as("a skip link on " + path()).hasSize(1);
    }

    /** Console messages about the Content-Security-Policy since the last call: there must be none. */
    void assertNoCspViolation() {
        List<String> violations = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getMessage().contains("Content Security Policy") || e.getMessage().contains("Content-Security-Policy")) {
                violations.add(e.getMessage());
            }
        }
        assertThat(violations).as("CSP violations").isEmpty();
    }

    /** A full-page screenshot under target/screenshots/{name}.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            js("window.scrollTo(0, 0);");
            Number height = (Number) js("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
            driver.manage().window().setSize(new Dimension(1280, Math.max(900, Math.min(4000, height.intValue() + 20))));
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            driver.manage().window().setSize(new Dimension(1280, 900));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var walk = Files.walk(profile)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
