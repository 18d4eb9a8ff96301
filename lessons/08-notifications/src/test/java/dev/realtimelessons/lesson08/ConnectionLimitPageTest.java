package dev.realtimelessons.lesson08;

import static dev.realtimelessons.kit.testing.HeadlessChromium.WAIT;
import static dev.realtimelessons.lesson08.NotificationsPageTest.logged;
import static dev.realtimelessons.lesson08.RunningNotifications.API_KEY;
import static dev.realtimelessons.lesson08.RunningNotifications.notifyUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.HeadlessChromium;
import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.lesson06.ClusterServer;

/**
 * Lesson 08's connection limit page (web/lesson08: limit.html, limit.js) in headless Chromium: over HTTP/1.1 a
 * browser holds at most 6 connections to a host, so a 7th event stream waits; one stream shared by every tab avoids
 * it. Skipped without a browser, except under CI.
 */
@Tag("browser")
@DisplayName("The browser's six connections per host, and one stream shared by all tabs")
class ConnectionLimitPageTest {

    /**
     * How long the 7th stream is watched not opening, once the 6 others are open and the server holds 6. A stream
     * that could open does so within milliseconds here (the 6 did), so 3 s is ample; no wait can prove "never",
     * but the server's count shows the request never even reached it.
     */
    private static final Duration NEVER_OPENS = Duration.ofSeconds(3);

    /**
     * A heartbeat every 2 s, for the test whose leader tab closes. The server learns that a browser closed a stream
     * only when a write to it fails, the second heartbeat after the close at the latest: about 30 s with the default
     * 15 s, which no test waits for. Not faster: a heartbeat that lands while a stream is still subscribing is
     * written before the stream's head, without its Content-Type, and Chromium then sniffs and waits.
     */
    private static final NotificationsConfig NOTICES_CLOSES = NotificationsConfig.defaults()
            .withHeartbeat(Duration.ofSeconds(2));

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningNotifications service = new RunningNotifications(redis, postgres);

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    /** On the starter, fail at once: see {@link NotificationsPageTest#requireTheSteps}. */
    @BeforeEach
    void theStepsAreDone() throws Refused {
        NotificationsPageTest.requireTheSteps(redis);
    }

    @Test
    @DisplayName("7 event streams in one page over HTTP/1.1: 6 open and reach the server, the 7th waits for a free "
            + "connection, and opens once one of the 6 closes")
    void seventhStreamWaits() {
        ClusterServer a = service.start(); // its first heartbeat comes 15 s after it starts, when all is done
        URI page = a.uri("http", "/limit.html?mode=naive&n=7");
        assertThat(page.getHost()).as("plain http to an IP: HTTP/1.1, no HTTP/2").isEqualTo("127.0.0.1");
        WebDriver window = chromium.open(page);

        new WebDriverWait(window, WAIT).withMessage(() -> "6 streams should open; " + states(window))
                .until(driver -> open(driver).size() == 6);
        waitForStreams(a, 6);
        assertThatThrownBy(() -> new WebDriverWait(window, NEVER_OPENS).until(driver -> open(driver).size() > 6))
                .as("the 7th stream should wait for one of the 6 connections; " + states(window))
                .isInstanceOf(TimeoutException.class);
        assertThat(window.findElement(By.id("source-7")).getDomAttribute("data-state")).isEqualTo("connecting");
        assertThat(openStreams(a)).as("the server never saw the 7th").isEqualTo(6);

        window.findElement(By.cssSelector("#source-1 button.close")).click();
        new WebDriverWait(window, WAIT).withMessage(() -> "closing stream 1 should let the 7th in; "
                        + states(window))
                .until(driver -> "open".equals(driver.findElement(By.id("source-7")).getDomAttribute("data-state")));
    }

    @Test
    @DisplayName("7 tabs share one stream: each gets a notification once, the server holds 1 stream, and when the "
            + "leader tab closes another takes over and the rest go on getting them")
    void tabsShareOneStream() {
        ClusterServer a = service.start(NOTICES_CLOSES);
        URI page = a.uri("http", "/limit.html?mode=shared&user=ada");
        WebDriver browser = chromium.open(page);
        for (int i = 1; i < 7; i++) {
            browser.switchTo().newWindow(WindowType.TAB).get(page.toString());
        }
        List<String> tabs = new ArrayList<>(browser.getWindowHandles());
        assertThat(tabs).hasSize(7);
        String leader = waitForOneLeader(browser, tabs);
        waitForStreams(a, 1);

        String one = notifyUser(a, "ada", "one").get("id").asText();
        waitForEveryTab(browser, tabs, List.of(one));

        browser.switchTo().window(leader).close();
        tabs.remove(leader);
        String next = waitForOneLeader(browser, tabs);
        assertThat(next).isNotEqualTo(leader);
        waitForStreams(a, 1);
        String two = notifyUser(a, "ada", "two").get("id").asText();
        waitForEveryTab(browser, tabs, List.of(one, two));
    }

    /** Waits until exactly one tab says it is the leader and its stream is live; returns its handle. */
    private static String waitForOneLeader(WebDriver browser, List<String> tabs) {
        return new WebDriverWait(browser, WAIT).withMessage(() -> "one tab should lead, with a live stream; roles: "
                        + roles(browser, tabs))
                .until(driver -> {
                    List<String> leaders = tabs.stream().filter(tab -> "leader".equals(role(driver, tab))).toList();
                    if (leaders.size() != 1) {
                        return null;
                    }
                    driver.switchTo().window(leaders.get(0));
                    return "live".equals(driver.findElement(By.id("status")).getDomAttribute("data-state"))
                            ? leaders.get(0) : null;
                });
    }

    private static void waitForEveryTab(WebDriver browser, List<String> tabs, List<String> ids) {
        for (String tab : tabs) {
            browser.switchTo().window(tab);
            new WebDriverWait(browser, WAIT).withMessage(() -> "tab " + tab + " should log " + ids + "; it logs "
                            + logged(browser))
                    .until(driver -> logged(driver).size() >= ids.size());
            assertThat(logged(browser)).as("tab %s: each notification once", tab).containsExactlyElementsOf(ids);
        }
    }

    private static String role(WebDriver browser, String tab) {
        browser.switchTo().window(tab);
        return browser.findElement(By.id("role")).getDomAttribute("data-role");
    }

    private static String roles(WebDriver browser, List<String> tabs) {
        return tabs.stream().map(tab -> role(browser, tab)).collect(Collectors.joining(", "));
    }

    private static List<String> open(WebDriver window) {
        return window.findElements(By.cssSelector("#sources li[data-state='open']")).stream()
                .map(item -> item.getDomAttribute("id")).toList();
    }

    private static String states(WebDriver window) {
        return window.findElements(By.cssSelector("#sources li")).stream()
                .map(item -> item.getDomAttribute("id") + " " + item.getDomAttribute("data-state"))
                .collect(Collectors.joining(", "));
    }

    /** {@code GET /api/streams}: the event streams the server holds. */
    private static int openStreams(ClusterServer node) {
        HttpResponse<String> response = Http.send("GET", node.uri("http", "/api/streams"), null, API_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).get("open").asInt();
    }

    private static void waitForStreams(ClusterServer node, int count) {
        await("GET /api/streams says " + count).atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(openStreams(node)).as("the streams the server holds")
                        .isEqualTo(count));
    }
}
