package dev.realtimelessons.lesson04;

import static dev.realtimelessons.kit.testing.HeadlessChromium.waitForText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import dev.realtimelessons.kit.testing.HeadlessChromium;
import dev.realtimelessons.kit.testing.WsTestClient;

/**
 * Lesson 03's chat page on a server that requires authentication: it logs in through the dev login and connects
 * with {@code ?token=} (skipped without a browser, except under CI).
 */
@DisplayName("The chat page with authentication on, in a real browser")
class ChatPageTest {

    @RegisterExtension
    final RunningAuthServer server = new RunningAuthServer(AuthServerConfig.forTests());

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @Test
    @DisplayName("the page logs in through the dev login and chats with a token-holding client")
    void pageLogsIn() {
        WsTestClient bob = server.connect("bob");
        RunningAuthServer.join(bob, "lobby");

        WebDriver ada = chromium.open(server.uri("http", "/"));
        ada.findElement(By.id("user")).sendKeys("ada\n");
        waitForText(ada, "status", "Connected as ada");
        ada.findElement(By.id("room")).sendKeys("\n"); // joins "lobby"
        assertThat(bob.awaitMessage("joined", RunningAuthServer.WAIT).get("user").asText()).isEqualTo("ada");

        ada.findElement(By.id("text")).sendKeys("hello bob\n");
        assertThat(bob.awaitMessage("message", RunningAuthServer.WAIT).get("data").asText()).isEqualTo("hello bob");
        bob.send(Map.of("type", "publish", "room", "lobby", "data", "hi ada"));
        waitForText(ada, "messages", "bob: hi ada");
    }
}
