package dev.realtimelessons.lesson04;

import static dev.realtimelessons.kit.testing.HeadlessChromium.waitForText;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

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

    /**
     * Four-second tokens and no skew: the page must refresh to stay connected. JWT times are whole seconds, so a
     * token lives 3 to 4 s; the page refreshes after 2.
     */
    @RegisterExtension
    final RunningAuthServer server = new RunningAuthServer(AuthServerConfig.forTests()
            .withAuth(AuthConfig.forTests().withTokenTimes(Duration.ofSeconds(4), Duration.ZERO)));

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @Test
    @DisplayName("the page logs in through the dev login, refreshes its token, and chats with a token-holding client")
    void pageLogsIn() {
        Instant loggedIn = Instant.now();
        WsTestClient bob = server.open(server.uri("ws", "/ws"),
                Map.of("Authorization", "Bearer " + server.server().issuer().issue("bob", Set.of(), Set.of(),
                        Duration.ofMinutes(5))));
        bob.awaitMessage("connected", RunningAuthServer.WAIT);
        RunningAuthServer.join(bob, "lobby");

        WebDriver ada = chromium.open(server.uri("http", "/"));
        ada.findElement(By.id("user")).sendKeys("ada\n");
        waitForText(ada, "status", "Connected as ada");
        ada.findElement(By.id("room")).sendKeys("\n"); // joins "lobby"
        assertThat(bob.awaitMessage("joined", RunningAuthServer.WAIT).get("user").asText()).isEqualTo("ada");

        // Past the first token's life: the page refreshed it, or it was closed with 4001.
        new org.openqa.selenium.support.ui.WebDriverWait(ada, Duration.ofSeconds(10))
                .until(driver -> Instant.now().isAfter(loggedIn.plusSeconds(5)));
        assertThat(ada.findElement(By.id("status")).getText()).isEqualTo("Connected as ada.");
        ada.findElement(By.id("text")).sendKeys("hello bob\n");
        assertThat(bob.awaitMessage("message", RunningAuthServer.WAIT).get("data").asText()).isEqualTo("hello bob");
        bob.send(Map.of("type", "publish", "room", "lobby", "data", "hi ada"));
        waitForText(ada, "messages", "bob: hi ada");
    }
}
