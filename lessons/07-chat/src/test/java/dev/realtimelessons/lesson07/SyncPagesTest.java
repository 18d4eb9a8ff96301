package dev.realtimelessons.lesson07;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.testing.steps.Step5;

@Tag("postgres")
@Step5
@DisplayName("Sync by cursor")
class SyncPagesTest {

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    private Database database;
    private MessageStore store;
    private SyncPages pages;

    @BeforeEach
    void openTheDatabase() {
        database = Database.open(postgres.database(), 4);
        store = new MessageStore(database, Clock.systemUTC());
        pages = new SyncPages(database);
    }

    @AfterEach
    void closeTheDatabase() {
        database.close();
    }

    private void send(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            store.append("lobby", "ada", null, JsonNodeFactory.instance.textNode("m"));
        }
    }

    private static List<Long> seqs(Page page) {
        return page.messages().stream().map(StoredMessage::seq).toList();
    }

    @Test
    @DisplayName("pages through 7 messages 3 at a time, each once, and says when there is no more")
    void pagesByCursor() throws Exception {
        send(7);

        Page first = pages.page("lobby", 0, 3);
        Page second = pages.page("lobby", first.next(), 3);
        Page third = pages.page("lobby", second.next(), 3);

        assertThat(seqs(first)).containsExactly(1L, 2L, 3L);
        assertThat(first.more()).isTrue();
        assertThat(seqs(second)).containsExactly(4L, 5L, 6L);
        assertThat(seqs(third)).containsExactly(7L);
        assertThat(third.more()).as("after 7").isFalse();
        assertThat(third.next()).isEqualTo(7);
    }

    @Test
    @DisplayName("misses nothing and repeats nothing while messages arrive between two pages")
    void messagesArrivingMeanwhile() throws Exception {
        send(5);
        List<Long> seen = new ArrayList<>();

        Page page = pages.page("lobby", 0, 2);
        seen.addAll(seqs(page));
        send(3); // 6, 7 and 8 arrive while the client reads
        while (true) {
            page = pages.page("lobby", page.next(), 2);
            seen.addAll(seqs(page));
            if (!page.more()) {
                break;
            }
        }

        assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    @DisplayName("gives messages in their latest version, deleted ones as tombstones")
    void latestVersions() throws Exception {
        send(3);
        store.edit("lobby", 1, "ada", JsonNodeFactory.instance.textNode("edited"), null);
        store.delete("lobby", 2, "ada");

        Page page = pages.page("lobby", 0, 10);

        assertThat(page.messages().get(0).data().asText()).isEqualTo("edited");
        assertThat(page.messages().get(1).deleted()).isTrue();
        assertThat(page.messages().get(1).data()).isNull();
        assertThat(seqs(page)).as("a tombstone keeps its place").containsExactly(1L, 2L, 3L);
    }

    @Test
    @DisplayName("gives an empty page, with the same cursor, after the latest message or in an empty room")
    void emptyPages() throws Exception {
        send(2);

        Page atTheEnd = pages.page("lobby", 2, 5);
        Page nowhere = pages.page("empty", 0, 5);

        assertThat(atTheEnd.messages()).isEmpty();
        assertThat(atTheEnd.next()).isEqualTo(2);
        assertThat(atTheEnd.more()).isFalse();
        assertThat(nowhere.messages()).isEmpty();
        assertThat(nowhere.next()).isZero();
    }
}
