package dev.realtimelessons.lesson03;

import static dev.realtimelessons.kit.testing.HeadlessChromium.waitForText;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import dev.realtimelessons.kit.testing.HeadlessChromium;

/**
 * The chat page in two headless Chromium windows talking to each other (skipped without a browser, except under
 * CI).
 */
@DisplayName("The chat page, in a real browser")
class ChatPageTest {

    @RegisterExtension
    final RunningRoomsServer server = new RunningRoomsServer(RoomsConfig.forTests());

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @Test
    @DisplayName("two people join a room, see each other, see who is typing, and chat")
    void twoBrowsersChat() {
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
        WebDriver browser = chromium.open(server.uri("http", "/"));
        browser.findElement(By.id("user")).sendKeys(user + "\n");
        waitForText(browser, "status", "Connected as " + user);
        browser.findElement(By.id("room")).sendKeys("\n"); // joins "lobby", the default
        return browser;
    }
}
