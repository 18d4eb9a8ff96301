package dev.realtimelessons.lesson03;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page in two headless Chromium windows talking to each other. It needs Debian's {@code chromium} and
 * {@code chromium-driver} (or {@code CHROME_BIN} and {@code CHROMEDRIVER}); without them it is skipped, except
 * under CI, where it must run.
 */
@DisplayName("The chat page, in a real browser")
class ChatPageTest {

    private static final String BROWSER = System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium");
    private static final String DRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    final RunningRoomsServer server = new RunningRoomsServer(RoomsConfig.forTests());

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    @DisplayName("two people join a room, see each other, see who is typing, and chat")
    void twoBrowsersChat() {
        boolean installed = new File(BROWSER).canExecute() && new File(DRIVER).canExecute();
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI must run the browser test, but " + BROWSER + " or " + DRIVER
                    + " is missing: .ci/run installs them with apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(installed, "no browser: install one with 'sudo apt-get install chromium "
                + "chromium-driver' (or set CHROME_BIN and CHROMEDRIVER) to run this test");

        WebDriver ada = open("ada");
        WebDriver bob = open("bob");

        waitForText(bob, "members", "ada");
        waitForText(ada, "members", "bob");

        ada.findElement(By.id("text")).sendKeys("hello b");
        waitForText(bob, "typing", "ada typing");

        ada.findElement(By.id("text")).sendKeys("ob\n");
        waitForText(bob, "messages", "ada: hello bob");
        waitForText(ada, "messages", "ada: hello bob");

        bob.findElement(By.id("text")).sendKeys("hi ada\n");
        waitForText(ada, "messages", "bob: hi ada");
        assertThat(ada.findElement(By.id("status")).getText()).isEqualTo("Connected as ada.");
    }

    private WebDriver open(String user) {
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browsers.add(browser);
        browser.get(server.uri("http", "/").toString());
        browser.findElement(By.id("user")).sendKeys(user + "\n");
        waitForText(browser, "status", "Connected as " + user);
        browser.findElement(By.id("room")).sendKeys("\n"); // joins "lobby", the default
        return browser;
    }

    private static void waitForText(WebDriver browser, String elementId, String text) {
        new WebDriverWait(browser, WAIT)
                .withMessage(() -> "#" + elementId + " never showed '" + text + "'; it shows '"
                        + browser.findElement(By.id(elementId)).getText() + "'")
                .until(driver -> driver.findElement(By.id(elementId)).getText().contains(text));
    }
}
