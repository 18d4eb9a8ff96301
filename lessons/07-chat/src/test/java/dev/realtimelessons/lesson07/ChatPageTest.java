package dev.realtimelessons.lesson07;

import static dev.realtimelessons.kit.testing.HeadlessChromium.WAIT;
import static dev.realtimelessons.kit.testing.HeadlessChromium.waitForText;
import static dev.realtimelessons.lesson07.RunningChat.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.HeadlessChromium;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.lesson06.ClusterServer;

/**
 * Lesson 07's chat page (web/lesson07: index.html, chat.js, chat-client.js) in headless Chromium, against servers
 * of one chat service (skipped without a browser, except under CI). The element ids are listed in index.html.
 */
@DisplayName("The chat page, in real browsers")
class ChatPageTest {

    /**
     * Installed before the login, so that it wraps the page's sockets: while {@code window.loseAcks} is true, the
     * page never sees the ack of a publish (one with a seq but no epoch, a join's, or version, an edit's), as when
     * a connection dies between the commit and the ack.
     */
    private static final String LOSE_ACKS = "const onmessage = Object.getOwnPropertyDescriptor(WebSocket.prototype, "
            + "'onmessage'); Object.defineProperty(WebSocket.prototype, 'onmessage', { configurable: true, "
            + "get: onmessage.get, set(listener) { onmessage.set.call(this, listener && (event => { "
            + "const m = JSON.parse(event.data); if (window.loseAcks && m.type === 'ack' && 'seq' in m "
            + "&& !('epoch' in m) && !('version' in m)) return; listener.call(this, event); })); } });";

    /** A reconnect after a restart: several backoff delays (up to 8 s each by then) may pass first. */
    private static final Duration RECONNECT = Duration.ofSeconds(45);

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningChat chat = new RunningChat(redis, postgres);

    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    /**
     * The page needs the lesson's steps: on the starter, say so at once, instead of after every window's timeouts
     * (a minute and a half of the course's check).
     */
    @BeforeEach
    void theStepsAreDone() throws Exception {
        try (Database database = Database.open(postgres.database(), 2)) {
            new MessageStore(database, Clock.systemUTC()).append("preflight", "preflight", null,
                    TextNode.valueOf("the page needs a store that stores"));
        }
    }

    @Test
    @DisplayName("a message sent, edited and deleted shows so in both windows, and a late joiner sees the same")
    void sendEditDelete() {
        ClusterServer a = chat.start();
        ClusterServer b = chat.start();
        WebDriver ada = enter(a, "ada", "lobby");
        WebDriver bob = enter(b, "bob", "lobby");
        waitForText(ada, "members", "bob");

        send(ada, "helo");
        send(ada, "wrong room, sorry");
        waitForText(bob, "msg-1", "ada: helo");
        waitForText(bob, "msg-2", "ada: wrong room, sorry");

        ada.findElement(By.cssSelector("#msg-1 button.edit")).click();
        Alert prompt = new WebDriverWait(ada, WAIT).withMessage("the edit button should open a prompt")
                .until(ExpectedConditions.alertIsPresent());
        prompt.sendKeys("hello");
        prompt.accept();
        waitForText(bob, "msg-1", "ada: hello (edited)");
        waitForText(ada, "msg-1", "ada: hello (edited)");

        ada.findElement(By.cssSelector("#msg-2 button.delete")).click();
        waitForText(bob, "msg-2", "ada: message deleted");
        waitForText(ada, "msg-2", "ada: message deleted");

        assertThat(bodies(bob)).as("bob's window").containsExactly("ada: hello", "ada: message deleted");
        assertThat(bob.findElements(By.cssSelector("#messages button.edit, #messages button.delete")))
                .as("bob may not edit or delete ada's messages").noneMatch(WebElement::isDisplayed);
        assertThat(ada.findElements(By.cssSelector("#msg-2 button"))).as("a tombstone has no buttons")
                .noneMatch(WebElement::isDisplayed);

        WebDriver carol = enter(b, "carol", "lobby"); // from the history of the join: the latest versions
        waitForText(carol, "msg-2", "ada: message deleted");
        assertThat(bodies(carol)).as("carol's window").containsExactly("ada: hello", "ada: message deleted");
        assertThat(text(carol, "msg-1")).contains("(edited)");
    }

    @Test
    @DisplayName("a message bob sees shows read by bob in ada's window; one in a room bob does not view counts as"
            + " unread")
    void readReceiptsAndUnreadCounts() {
        ClusterServer a = chat.start();
        ClusterServer b = chat.start();
        WebDriver ada = enter(a, "ada", "lobby");
        WebDriver bob = enter(b, "bob", "lobby");
        join(bob, "bob", "random");
        bob.findElement(By.id("room-lobby")).click(); // bob looks at the lobby; random is in his list
        waitForText(bob, "current", "lobby");

        send(ada, "are you there?");
        waitForText(bob, "msg-1", "ada: are you there?");
        waitForText(ada, "msg-1", "read by bob");

        join(ada, "ada", "random");
        send(ada, "over here");
        waitForText(ada, "msg-1", "ada: over here");
        new WebDriverWait(bob, WAIT).withMessage(() -> "bob's room list should count 1 unread in random; it shows '"
                        + bob.findElement(By.id("rooms")).getText() + "'")
                .until(driver -> unread(driver, "random").equals("1"));
        assertThat(unread(bob, "lobby")).as("the lobby, which bob views, has nothing unread").isEmpty();
        assertThat(text(ada, "msg-1")).as("bob has not seen it yet").doesNotContain("read by");

        bob.findElement(By.id("room-random")).click();
        waitForText(bob, "msg-1", "ada: over here");
        waitForText(ada, "msg-1", "read by bob");
        assertThat(unread(bob, "random")).as("read once shown").isEmpty();
    }

    @Test
    @DisplayName("bob sees ada is typing while she types, and not once she clears the input or sends")
    void typingIndicator() {
        ClusterServer a = chat.start();
        ClusterServer b = chat.start();
        WebDriver ada = enter(a, "ada", "lobby");
        WebDriver bob = enter(b, "bob", "lobby");
        waitForText(ada, "members", "bob");
        waitForStatus(bob, "ada", "online");

        WebElement input = ada.findElement(By.id("text"));
        input.sendKeys("hel");
        waitForText(bob, "typing", "ada is typing…");
        input.sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE);
        // typing with active: false stops it at once; without it, it would last 3 s after the last keystroke
        new WebDriverWait(bob, Duration.ofSeconds(2))
                .withMessage("clearing the input should stop the indicator at once, well before its 3 s expiry")
                .until(driver -> driver.findElement(By.id("typing")).getText().isEmpty());

        input.sendKeys("hi there");
        waitForText(bob, "typing", "ada is typing…");
        input.sendKeys("\n");
        waitForText(bob, "msg-1", "ada: hi there");
        assertThat(bob.findElement(By.id("typing")).getText()).as("the message ends the indicator").isEmpty();
    }

    @Test
    @DisplayName("a member's dot is online once they join, away when they say so, and offline once they are gone")
    void onlineDots() {
        ClusterServer a = chat.start();
        ClusterServer b = chat.start();
        WebDriver ada = enter(a, "ada", "lobby");
        WsTestClient carol = chat.member(b, "carol", "lobby"); // on the other server
        waitForStatus(ada, "carol", "online");

        assertThat(request(carol, Map.of("type", "status", "id", "away", "status", "away")).path("type").asText())
                .isEqualTo("ack");
        waitForStatus(ada, "carol", "away");
        carol.close();
        waitForStatus(ada, "carol", "offline");
    }

    @Test
    @DisplayName("across a restart of its server the page shows the banner, then every message once and in order; "
            + "a message whose ack was lost and one typed meanwhile are each delivered and stored once")
    void restartLosesNothingAndDoublesNothing() throws Exception {
        ClusterServer a = chat.start();
        ClusterServer b = chat.start();
        WsTestClient bob = chat.member(b, "bob", "lobby");
        WebDriver ada = open(a, "?attempts=20");
        script(ada, LOSE_ACKS);
        login(ada, "ada", "lobby");
        publish(bob, "one");
        publish(bob, "two");
        waitForText(ada, "msg-2", "bob: two");
        script(ada, "window.reloads = 0; chat.on('reload', () => reloads++)");

        script(ada, "window.loseAcks = true"); // stored and delivered, but the page never hears the ack
        send(ada, "ack lost");
        waitForText(ada, "msg-3", "ada: ack lost");
        assertThat(text(ada, "pending")).as("unacknowledged, so still in the outbox").contains("ack lost");
        script(ada, "window.loseAcks = false");

        int port = a.uri("http", "/").getPort();
        a.close(); // ada's page is cut off: its server is gone
        waitForText(ada, "banner", "Reconnecting");
        publish(bob, "four"); // through the other server, while ada is away
        publish(bob, "five");
        send(ada, "typed while away");
        waitForText(ada, "pending", "typed while away");

        chat.startOnPort(port); // the same address, database, Redis and JWT key
        new WebDriverWait(ada, RECONNECT).withMessage(() -> "ada's page should reconnect and show its message; "
                        + "its banner says '" + text(ada, "banner") + "'")
                .until(driver -> text(driver, "messages").contains("ada: typed while away"));
        publish(bob, "seven"); // live, after the resume
        waitForText(ada, "messages", "bob: seven");

        assertThat(bodies(ada)).containsExactly("bob: one", "bob: two", "ada: ack lost", "bob: four", "bob: five",
                "ada: typed while away", "bob: seven");
        assertThat(seqs(ada)).containsExactly("1", "2", "3", "4", "5", "6", "7");
        assertThat(script(ada, "return reloads")).as("resumed with since and epoch: recovered, no reload")
                .isEqualTo(0L);
        assertThat(ada.findElement(By.id("banner")).isDisplayed()).as("the banner once back").isFalse();
        assertThat(text(ada, "pending")).as("every message acknowledged, the lost ack's by its retry").isEmpty();
        for (String text : List.of("ack lost", "typed while away")) {
            assertThat(bob.received().stream().filter(m -> m.contains("\"" + text + "\"")).count())
                    .as("bob got '%s' once", text).isEqualTo(1);
        }
        assertThat(chat.storedMessagesBy("ada")).as("ada's rows in the database: the retry stored nothing new")
                .isEqualTo(2);
    }

    @Test
    @DisplayName("after its last attempt the page offers retry, which reconnects and sends what was typed")
    void givesUpThenRetries() {
        ClusterServer a = chat.start();
        WebDriver ada = enter(a, "ada", "lobby", "?attempts=2");
        send(ada, "before");
        waitForText(ada, "msg-1", "ada: before");

        int port = a.uri("http", "/").getPort();
        a.close();
        new WebDriverWait(ada, WAIT).withMessage("after two failed attempts the page should offer retry")
                .until(driver -> driver.findElement(By.id("retry")).isDisplayed());
        waitForText(ada, "banner", "cannot be reached");
        send(ada, "after");
        waitForText(ada, "pending", "after");

        chat.startOnPort(port);
        ada.findElement(By.id("retry")).click();
        waitForText(ada, "msg-2", "ada: after");
        assertThat(bodies(ada)).containsExactly("ada: before", "ada: after");
        assertThat(ada.findElement(By.id("retry")).isDisplayed()).isFalse();
    }

    @Test
    @DisplayName("a connection whose pings go unanswered is closed and opened again, and the room goes on")
    void unansweredPingsReplaceTheConnection() {
        ClusterServer a = chat.start();
        WsTestClient bob = chat.member(a, "bob", "lobby");
        WebDriver ada = enter(a, "ada", "lobby", "?ping=1&pong=1");
        publish(bob, "one");
        waitForText(ada, "msg-1", "bob: one");
        // A connection that died without a close, as far as the page can tell: its pings get no pong.
        script(ada, "window.states = []; chat.on('state', s => states.push(s.state + ' ' + (s.reason || '')));"
                + "const send = WebSocket.prototype.send; window.restoreSend = () => WebSocket.prototype.send = send;"
                + "WebSocket.prototype.send = function (frame) {"
                + " if (!frame.includes('\"ping\"')) send.call(this, frame); };");

        new WebDriverWait(ada, WAIT).withMessage(() -> "the page should give up on the silent connection; states: "
                        + script(ada, "return states"))
                .until(driver -> states(driver).contains("reconnecting no pong within 1 s"));
        script(ada, "restoreSend()");
        publish(bob, "two");
        waitForText(ada, "msg-2", "bob: two");
        new WebDriverWait(ada, WAIT).withMessage(() -> "the page should be open again; states: " + states(ada))
                .until(driver -> {
                    List<String> states = states(driver);
                    return states.get(states.size() - 1).equals("open ");
                });
        assertThat(bodies(ada)).containsExactly("bob: one", "bob: two");
    }

    private WebDriver enter(ClusterServer node, String user, String room) {
        return enter(node, user, room, "");
    }

    /** Opens the page of a server, logs in with the dev login and joins a room. */
    private WebDriver enter(ClusterServer node, String user, String room, String query) {
        WebDriver window = open(node, query);
        login(window, user, room);
        return window;
    }

    private WebDriver open(ClusterServer node, String query) {
        return chromium.open(node.uri("http", "/" + query));
    }

    private static void login(WebDriver window, String user, String room) {
        window.findElement(By.id("user")).sendKeys(user + "\n");
        waitForText(window, "status", "Connected as " + user);
        join(window, user, room);
    }


    /** Joins a room and waits for its members, the join's first answer. */
    private static void join(WebDriver window, String user, String room) {
        WebElement input = window.findElement(By.id("room"));
        input.clear();
        input.sendKeys(room + "\n");
        waitForText(window, "current", room);
        waitForText(window, "members", user);
    }

    private static void send(WebDriver window, String text) {
        window.findElement(By.id("text")).sendKeys(text + "\n");
    }

    private static void publish(WsTestClient client, String text) {
        JsonNode answer = request(client, Map.of("type", "publish", "id", "p-" + text, "room", "lobby",
                "data", text, "client_msg_id", "bob-" + text));
        assertThat(answer.path("type").asText()).as("the answer to publishing '%s'", text).isEqualTo("ack");
    }

    private static void waitForStatus(WebDriver window, String user, String status) {
        new WebDriverWait(window, WAIT).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> user + "'s dot should say " + status + "; the members show '"
                        + text(window, "members") + "'")
                .until(driver -> status.equals(driver.findElement(By.id("member-" + user))
                        .getDomAttribute("data-status")));
    }

    private static String text(WebDriver window, String id) {
        return window.findElement(By.id(id)).getText();
    }

    private static String unread(WebDriver window, String room) {
        WebElement badge = window.findElement(By.cssSelector("#room-" + room + " .unread"));
        return badge.isDisplayed() ? badge.getText() : "";
    }

    /** The room's messages as "from: body", read at once in the page (no element can go stale meanwhile). */
    @SuppressWarnings("unchecked")
    private static List<String> bodies(WebDriver window) {
        return (List<String>) script(window, "return [...document.querySelectorAll('#messages li.msg')].map(li => "
                + "li.querySelector('.from').textContent + ': ' + li.querySelector('.body').textContent)");
    }

    @SuppressWarnings("unchecked")
    private static List<String> seqs(WebDriver window) {
        return (List<String>) script(window,
                "return [...document.querySelectorAll('#messages li.msg')].map(li => li.dataset.seq)");
    }

    @SuppressWarnings("unchecked")
    private static List<String> states(WebDriver window) {
        return (List<String>) script(window, "return states");
    }

    private static Object script(WebDriver window, String script) {
        return ((JavascriptExecutor) window).executeScript(script);
    }
}
