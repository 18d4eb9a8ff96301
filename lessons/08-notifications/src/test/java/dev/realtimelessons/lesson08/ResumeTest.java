package dev.realtimelessons.lesson08;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.testing.steps.Step3;

@Step3
@DisplayName("The hand-over from replay to live")
class ResumeTest {

    private static final InboxEntry.Source USER = InboxEntry.Source.USER;
    private static final InboxEntry.Source ALL = InboxEntry.Source.ALL;

    private static InboxEntry entry(InboxEntry.Source source, String id) {
        return new InboxEntry(source, id, "notification", "{\"id\":\"" + id + "\"}", null);
    }

    private static List<String> ids(List<Resume.Written> written) {
        return written.stream().map(w -> w.entry().source() + ":" + w.entry().id()).toList();
    }

    @Test
    @DisplayName("holds live entries until the replay is read, then sends each once, replay first")
    void holdsThenSendsOnce() {
        Resume resume = new Resume();

        assertThat(resume.live(entry(USER, "5-0"))).as("nothing before the replay").isEmpty();
        assertThat(resume.live(entry(USER, "6-0"))).isEmpty();
        List<Resume.Written> started = resume.start(new Cursor("3-0", "0-0"),
                List.of(entry(USER, "4-0"), entry(USER, "5-0")));

        assertThat(ids(started)).containsExactly("USER:4-0", "USER:5-0", "USER:6-0");
        assertThat(resume.live(entry(USER, "6-0"))).as("6 was sent already").isEmpty();
        assertThat(ids(resume.live(entry(USER, "7-0")))).containsExactly("USER:7-0");
        assertThat(resume.cursor()).isEqualTo(new Cursor("7-0", "0-0"));
    }

    @Test
    @DisplayName("gives every sent entry the cursor after it, which is the event's id")
    void cursorAfterEachEntry() {
        Resume resume = new Resume();

        List<Resume.Written> started = resume.start(new Cursor("1-0", "1-0"),
                List.of(entry(USER, "2-0"), entry(ALL, "3-0"), entry(USER, "4-0")));

        assertThat(started).extracting(Resume.Written::cursor).containsExactly(new Cursor("2-0", "1-0"),
                new Cursor("2-0", "3-0"), new Cursor("4-0", "3-0"));
    }

    @Test
    @DisplayName("keeps one cursor per inbox: an older id of the other inbox is still new")
    void oneCursorPerInbox() {
        Resume resume = new Resume();
        resume.start(new Cursor("9-0", "2-0"), List.of());

        assertThat(ids(resume.live(entry(ALL, "3-0")))).as("everyone's 3 is after everyone's 2")
                .containsExactly("ALL:3-0");
        assertThat(resume.live(entry(USER, "8-0"))).as("the user's 8 is before the user's 9").isEmpty();
        assertThat(resume.live(entry(USER, "9-0"))).as("the cursor's own entry was sent").isEmpty();
    }

    @Test
    @DisplayName("drops what the replay and the held entries both hold, and what is older than the cursor")
    void dropsDuplicatesAndOldOnes() {
        Resume resume = new Resume();
        resume.live(entry(USER, "2-0")); // published before the client's cursor: it has it
        resume.live(entry(USER, "5-0"));
        resume.live(entry(USER, "5-0")); // the same entry, heard twice

        List<Resume.Written> started = resume.start(new Cursor("3-0", "0-0"), List.of(entry(USER, "5-0")));

        assertThat(ids(started)).containsExactly("USER:5-0");
    }

    @Test
    @DisplayName("a stream with no cursor starts where the inboxes are, and sends only what comes after")
    void noCursor() {
        Resume resume = new Resume();
        resume.live(entry(ALL, "10-0"));

        List<Resume.Written> started = resume.start(new Cursor("20-0", "11-0"), List.of());

        assertThat(started).isEmpty();
        assertThat(ids(resume.live(entry(ALL, "12-0")))).containsExactly("ALL:12-0");
    }
}
