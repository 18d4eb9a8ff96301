package dev.realtimelessons.lesson08;

import static dev.realtimelessons.kit.testing.HeadlessChromium.WAIT;
import static dev.realtimelessons.kit.testing.HeadlessChromium.waitForText;
import static dev.realtimelessons.lesson08.RunningNotifications.notifyUser;
import static dev.realtimelessons.lesson08.RunningNotifications.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import redis.clients.jedis.JedisPooled;

import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.HeadlessChromium;
import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.lesson06.ClusterServer;

/**
 * Lesson 08's notifications page (web/lesson08: index.html, notifications.js) in headless Chromium, against servers
 * of one notification service (skipped without a browser, except under CI). The element ids are listed in
 * index.html. The page shows every notification event it receives, duplicates included, so that the log checks the
 * server's resume: nothing missing, nothing twice.
 */
@Tag("browser")
@DisplayName("The notifications page, in a real browser")
class NotificationsPageTest {

    /**
     * A resume after a restart: the browser retries every 2 s (the server's {@code retry:}), or, refused meanwhile,
     * the page's own backoff (up to 10 s) brings it back.
     */
    private static final Duration RESUME = Duration.ofSeconds(30);

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningNotifications service = new RunningNotifications(redis, postgres);

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    /**
     * The page needs the lesson's steps: on the starter, say so at once (each step's TODO names itself), instead of
     * after every wait's timeout, since a stream of the starter ends as soon as it starts.
     */
    @BeforeEach
    void theStepsAreDone() throws Refused {
        requireTheSteps(redis);
    }

    /** Calls each step once, outside any server: a step left to do throws its TODO, which names it. */
    static void requireTheSteps(RedisPerClass redis) throws Refused {
        try (JedisPooled jedis = new JedisPooled(redis.redis().hostAndPort())) {
            new InboxReader(jedis, new InboxKeys(redis.namespace())).read("preflight", InboxEntry.Source.USER,
                    StreamIds.ZERO); // step 2
        }
        new Resume().start(new Cursor(StreamIds.ZERO, StreamIds.ZERO), List.of()); // step 3
        new StreamLimits(1, 1, Duration.ofSeconds(1)).admit("preflight").close(); // step 4
        assertThat(SseCredentials.sessionCookie("preflight", Duration.ofMinutes(1), false)) // step 5
                .as("the page's stream needs its cookie (step 5)").startsWith(SseCredentials.COOKIE + "=preflight");
    }

    @Test
    @DisplayName("a notification posted by a back end shows as a toast of its type and in the log, and hides by "
            + "itself after its duration")
    void postedNotificationShows() {
        ClusterServer a = service.start();
        WebDriver ada = enter(a, "ada");

        JsonNode posted = Http.json(created(post(a, "/api/notify/ada", Map.of("type", "success", "title",
                "Your export is ready", "body", "3 files, 2 MB", "duration", 2000))));
        String id = posted.get("id").asText();
        WebElement toast = new WebDriverWait(ada, WAIT).withMessage("the toast of notification " + id)
                .until(driver -> driver.findElement(By.cssSelector("#toasts .toast[data-id='" + id + "']")));
        assertThat(toast.getDomAttribute("class")).isEqualTo("toast success");
        assertThat(toast.findElement(By.className("title")).getText()).isEqualTo("Your export is ready");
        assertThat(toast.findElement(By.className("body")).getText()).isEqualTo("3 files, 2 MB");
        assertThat(toast.findElements(By.tagName("a"))).as("no link posted, none shown").isEmpty();
        assertThat(logged(ada)).containsExactly(id);

        new WebDriverWait(ada, WAIT).withMessage("the toast should hide by itself after its 2 s")
                .until(driver -> driver.findElements(By.cssSelector("#toasts .toast")).isEmpty());
        assertThat(logged(ada)).as("the log keeps it").containsExactly(id);
    }

    @Test
    @DisplayName("across a restart of its server the page resumes by itself with Last-Event-ID: what was posted "
            + "meanwhile is replayed, and the log holds every notification once, in order")
    void restartResumesFromLastEventId() {
        ClusterServer a = service.start();
        ClusterServer b = service.start(); // the back ends post here while ada's server is down
        WebDriver ada = enter(a, "ada");
        String one = notifyUser(a, "ada", "one").get("id").asText();
        waitForLogged(ada, List.of(one));

        int port = a.uri("http", "/").getPort();
        a.close(); // its streams end; the browser retries every 2 s, and fails until the server is back
        waitForState(ada, "reconnecting");
        String two = notifyUser(b, "ada", "two").get("id").asText();
        String three = notifyUser(b, "ada", "three").get("id").asText();

        service.start(NotificationsConfig.defaults(), port); // the same address, Redis and key
        new WebDriverWait(ada, RESUME).withMessage(() -> "the page should resume and say what it caught up; "
                        + "its status says '" + text(ada, "status") + "'")
                .until(driver -> "live".equals(state(driver)));
        assertThat(ada.findElement(By.id("status")).getDomAttribute("data-replayed"))
                .as("the server read the page's cursor: it replayed the two posted meanwhile, and nothing else")
                .isEqualTo("2");
        String four = notifyUser(b, "ada", "four").get("id").asText(); // live, through the other server
        waitForLogged(ada, List.of(one, two, three, four));
        assertThat(logged(ada)).as("nothing missing, nothing twice").containsExactly(one, two, three, four);
    }

    @Test
    @DisplayName("a stream refused once its cookie is gone is opened again by the page, with a fresh cookie and the "
            + "cursor in its URL, and loses nothing")
    void refusedStreamIsOpenedAgain() {
        ClusterServer a = service.start();
        ClusterServer b = service.start();
        WebDriver ada = enter(a, "ada");
        String one = notifyUser(a, "ada", "one").get("id").asText();
        waitForLogged(ada, List.of(one));
        // As when the cookie expires: the browser's own reconnect will get 401, and the EventSource closes for good.
        Object deleted = ((JavascriptExecutor) ada).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/sse/session', { method: 'DELETE' }).then(r => done(r.status), e => done(String(e)))");
        assertThat(deleted).as("DELETE /sse/session").isEqualTo(204L);

        int port = a.uri("http", "/").getPort();
        a.close();
        waitForState(ada, "reconnecting");
        String two = notifyUser(b, "ada", "two").get("id").asText();
        service.start(NotificationsConfig.defaults(), port);

        new WebDriverWait(ada, RESUME).withMessage(() -> "the page should open a new stream after the 401; "
                        + "its status says '" + text(ada, "status") + "'")
                .until(driver -> "live".equals(state(driver)));
        assertThat((String) script(ada, "return notifications.source.url")).as("the new EventSource's URL")
                .contains("/sse?last_event_id=");
        assertThat(ada.findElement(By.id("status")).getDomAttribute("data-replayed")).isEqualTo("1");
        String three = notifyUser(a, "ada", "three").get("id").asText();
        waitForLogged(ada, List.of(one, two, three));
        assertThat(logged(ada)).containsExactly(one, two, three);
    }

    @Test
    @DisplayName("a javascript: link is refused by the server with 400, and a link to a path of the site shows as "
            + "a link")
    void links() {
        ClusterServer a = service.start();
        WebDriver ada = enter(a, "ada");

        HttpResponse<String> refused = post(a, "/api/notify/ada", Map.of("type", "error", "title", "Click me",
                "link", "javascript:alert(document.cookie)"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(Http.json(refused).path("error").asText(refused.body())).contains("invalid_field");

        String id = Http.json(created(post(a, "/api/notify/ada", Map.of("type", "warning", "title",
                "Quota at 90%", "link", "/account/quota", "auto_hide", false)))).get("id").asText();
        WebElement link = new WebDriverWait(ada, WAIT).withMessage("the toast's link")
                .until(driver -> driver.findElement(By.cssSelector(".toast[data-id='" + id + "'] a.link")));
        assertThat(link.getDomAttribute("href")).isEqualTo("/account/quota");
        assertThat(logged(ada)).as("the refused one never reached the page").containsExactly(id);
    }

    /** Opens the page of a server, logs in with the dev login and waits until the stream is live. */
    private WebDriver enter(ClusterServer node, String user) {
        WebDriver window = chromium.open(node.uri("http", "/"));
        window.findElement(By.id("user")).sendKeys(user + "\n");
        waitForText(window, "status", "Live as " + user);
        return window;
    }

    private static HttpResponse<String> created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response;
    }

    private static void waitForState(WebDriver window, String state) {
        new WebDriverWait(window, WAIT).withMessage(() -> "the status should be " + state + "; it says '"
                        + text(window, "status") + "'")
                .until(driver -> state.equals(state(driver)));
    }

    private static void waitForLogged(WebDriver window, List<String> ids) {
        new WebDriverWait(window, RESUME).withMessage(() -> "the log should hold " + ids + "; it holds "
                        + logged(window) + ", and the status says '" + text(window, "status") + "'")
                .until(driver -> logged(driver).size() >= ids.size());
    }

    /** The ids of the log, read at once in the page (no element can go stale meanwhile). */
    @SuppressWarnings("unchecked")
    static List<String> logged(WebDriver window) {
        return (List<String>) script(window, "return [...document.querySelectorAll('#log li')]"
                + ".map(li => li.dataset.id)");
    }

    private static String state(WebDriver window) {
        return window.findElement(By.id("status")).getDomAttribute("data-state");
    }

    private static String text(WebDriver window, String id) {
        return window.findElement(By.id(id)).getText();
    }

    static Object script(WebDriver window, String script) {
        return ((JavascriptExecutor) window).executeScript(script);
    }
}
