package dev.realtimelessons.lesson06;

import static dev.realtimelessons.kit.testing.HeadlessChromium.waitForText;
import static dev.realtimelessons.lesson06.RunningCluster.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.HeadlessChromium;
import dev.realtimelessons.kit.testing.LocalNginx;
import dev.realtimelessons.kit.testing.WsTestClient;

/**
 * Lesson 03's chat page, opened on two servers of a cluster (skipped without a browser, except under CI).
 */
@Tag("redis")
@DisplayName("The chat page on two servers, in real browsers")
class ChatPageTest {

    @RegisterExtension
    static final RedisPerClass REDIS = new RedisPerClass();

    @RegisterExtension
    final RunningCluster cluster = new RunningCluster(REDIS);

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @Test
    @DisplayName("the page on each server shows the same room: members, and every message")
    void sameRoomOnTwoServers() {
        List<ClusterServer> nodes = cluster.start(2);

        WebDriver ada = enter(nodes.get(0), "ada");
        WebDriver bob = enter(nodes.get(1), "bob");

        waitForText(bob, "members", "ada"); // present through the other server
        waitForText(ada, "messages", "bob joined");
        ada.findElement(By.id("text")).sendKeys("hello from server A\n");
        waitForText(bob, "messages", "ada: hello from server A");
        bob.findElement(By.id("text")).sendKeys("hello from server B\n");
        waitForText(ada, "messages", "bob: hello from server B");
    }

    @Test
    @DisplayName("the chat page through nginx passes lesson 04's Origin check and chats across the servers")
    void pageThroughNginx() {
        LocalNginx.requireInstalled();
        List<ClusterServer> nodes = cluster.start(2);
        LocalNginx nginx = cluster.closeLater(NginxTest.startLessonNginx(nodes));
        WsTestClient bob = cluster.member(nodes.get(1), "bob", "lobby");

        WebDriver ada = chromium.open(nginx.uri("http", "/"));
        ada.findElement(By.id("user")).sendKeys("ada\n"); // the dev login, through nginx
        waitForText(ada, "status", "Connected as ada");
        ada.findElement(By.id("room")).sendKeys("\n"); // joins "lobby"
        ada.findElement(By.id("text")).sendKeys("hello through nginx\n");

        assertThat(bob.awaitMessage("message", WAIT).get("data").asText()).isEqualTo("hello through nginx");
    }

    private WebDriver enter(ClusterServer node, String user) {
        WebDriver window = chromium.open(node.uri("http", "/"));
        window.findElement(By.id("user")).sendKeys(user + "\n"); // the dev login of the server it came from
        waitForText(window, "status", "Connected as " + user);
        window.findElement(By.id("room")).sendKeys("\n"); // joins "lobby"
        waitForText(window, "members", user);
        return window;
    }
}
