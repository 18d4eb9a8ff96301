package dev.realtimelessons.kit.testing;

import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A JUnit extension that opens headless Chromium windows for a test and closes them after it. It needs Debian's
 * {@code chromium} and {@code chromium-driver} (or {@code CHROME_BIN} and {@code CHROMEDRIVER}); without them the
 * test is skipped, except under CI ({@code CI=true}), where it must run.
 */
public final class HeadlessChromium implements BeforeEachCallback, AfterEachCallback {

    private static final String BROWSER = System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium");
    private static final String DRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");

    /** How long {@link #waitForText} waits. */
    public static final Duration WAIT = Duration.ofSeconds(15);

    private final List<WebDriver> windows = new ArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        boolean installed = new File(BROWSER).canExecute() && new File(DRIVER).canExecute();
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI must run the browser test, but " + BROWSER + " or " + DRIVER
                    + " is missing: .ci/run installs them with apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(installed, "no browser: install one with 'sudo apt-get install chromium "
                + "chromium-driver' (or set CHROME_BIN and CHROMEDRIVER) to run this test");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        windows.forEach(WebDriver::quit);
        windows.clear();
    }

    /**
     * Opens a page in a new window.
     *
     * @param page the page's URL
     * @return the window
     */
    public WebDriver open(URI page) {
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        WebDriver window = new ChromeDriver(service, options);
        windows.add(window);
        window.get(page.toString());
        return window;
    }

    /**
     * Waits until an element's text contains a text.
     *
     * @param window    the window
     * @param elementId the element's id
     * @param text      the text to wait for
     * @throws org.openqa.selenium.TimeoutException naming the element, the text and what it showed instead
     */
    public static void waitForText(WebDriver window, String elementId, String text) {
        new WebDriverWait(window, WAIT)
                .withMessage(() -> "#" + elementId + " never showed '" + text + "'; it shows '"
                        + window.findElement(By.id(elementId)).getText() + "'")
                .until(driver -> driver.findElement(By.id(elementId)).getText().contains(text));
    }
}
