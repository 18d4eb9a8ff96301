package dev.realtimelessons.lesson07;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.testing.steps.Step1;
import dev.realtimelessons.kit.testing.steps.Step2;
import dev.realtimelessons.kit.testing.steps.Step3;

@Tag("postgres")
@DisplayName("The message store")
class MessageStoreTest {

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private Database database;
    private MessageStore store;

    @BeforeEach
    void openTheDatabase() {
        database = Database.open(postgres.database(), 8);
        store = new MessageStore(database, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void closeTheDatabase() {
        database.close();
    }

    private static JsonNode text(String text) {
        return JsonNodeFactory.instance.objectNode().put("text", text);
    }

    private long rows(String sql) throws Exception {
        try (Connection connection = database.connection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Consumer<EditRefused> refusedBecause(EditRefused.Reason reason) {
        return refused -> assertThat(refused.reason()).as("why the change was refused").isEqualTo(reason);
    }

    @Test
    @Step1
    @DisplayName("numbers each room's messages from 1, and has committed a message when it returns it")
    void numbersAndCommits() throws Exception {
        Sent first = store.append("lobby", "ada", null, text("hi"));
        Sent second = store.append("lobby", "bob", null, text("hello"));
        Sent other = store.append("kitchen", "ada", null, text("tea?"));

        assertThat(List.of(first.message().seq(), second.message().seq(), other.message().seq()))
                .as("lobby 1 and 2, kitchen 1").containsExactly(1L, 2L, 1L);
        assertThat(first.message().author()).isEqualTo("ada");
        assertThat(first.message().data()).isEqualTo(text("hi"));
        assertThat(first.message().sentAt()).isEqualTo(NOW);
        assertThat(first.retry()).isFalse();
        assertThat(rows("SELECT count(*) FROM messages WHERE room = 'lobby'"))
                .as("rows another connection sees: committed").isEqualTo(2);
        assertThat(rows("SELECT last_seq FROM rooms WHERE name = 'lobby'")).isEqualTo(2);
    }

    @Test
    @Step1
    @DisplayName("gives 400 messages sent at once from 8 threads the numbers 1 to 400, each once")
    void concurrentSendsGetEveryNumberOnce() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Long>> sends = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String author = "user" + (i % 8);
                sends.add(() -> store.append("lobby", author, null, text("x")).message().seq());
            }
            List<Long> seqs = new ArrayList<>();
            for (Future<Long> seq : senders.invokeAll(sends, 60, TimeUnit.SECONDS)) {
                seqs.add(seq.get());
            }
            assertThat(seqs).as("every number from 1 to 400 once: the room's row was locked for each")
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 400).boxed().toList());
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    @Step2
    @DisplayName("answers a retry with the first message's seq, and stores it once")
    void retryGetsTheSameSeq() throws Exception {
        Sent first = store.append("lobby", "ada", "m-1", text("hi"));
        store.append("lobby", "bob", null, text("hello"));
        Sent retry = store.append("lobby", "ada", "m-1", text("hi"));

        assertThat(retry.retry()).as("the second send is a retry").isTrue();
        assertThat(retry.message().seq()).isEqualTo(first.message().seq()).isEqualTo(1);
        assertThat(rows("SELECT count(*) FROM messages")).as("stored once, and bob's").isEqualTo(2);
        assertThat(rows("SELECT last_seq FROM rooms WHERE name = 'lobby'")).as("no number used up").isEqualTo(2);
    }

    @Test
    @Step2
    @DisplayName("treats the same client_msg_id from another user, or in another room, as another message")
    void idsArePerAuthorAndRoom() throws Exception {
        store.append("lobby", "ada", "m-1", text("hi"));

        assertThat(store.append("lobby", "bob", "m-1", text("hi")).retry()).isFalse();
        assertThat(store.append("kitchen", "ada", "m-1", text("hi")).retry()).isFalse();
        assertThat(store.append("lobby", "ada", null, text("no id")).retry()).isFalse();
        assertThat(store.append("lobby", "ada", null, text("no id")).retry()).as("no id: never a retry").isFalse();
    }

    @Test
    @Step2
    @DisplayName("stores a message once when the same retry arrives 8 times at once")
    void concurrentRetriesStoreOnce() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Sent>> sends = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sends.add(() -> store.append("lobby", "ada", "m-1", text("hi")));
            }
            List<Sent> sent = new ArrayList<>();
            for (Future<Sent> one : senders.invokeAll(sends, 30, TimeUnit.SECONDS)) {
                sent.add(one.get());
            }
            assertThat(sent).extracting(one -> one.message().seq()).containsOnly(1L);
            assertThat(sent).filteredOn(one -> !one.retry()).as("stored by exactly one of them").hasSize(1);
            assertThat(rows("SELECT count(*) FROM messages")).isEqualTo(1);
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    @Step3
    @DisplayName("lets the author edit a message, which gets a new version and the edit's time")
    void authorEdits() throws Exception {
        store.append("lobby", "ada", null, text("helo"));

        StoredMessage edited = store.edit("lobby", 1, "ada", text("hello"), null);

        assertThat(edited.data()).isEqualTo(text("hello"));
        assertThat(edited.version()).isEqualTo(2);
        assertThat(edited.editedAt()).isEqualTo(NOW);
        assertThat(store.edit("lobby", 1, "ada", text("hello!"), 2L).version()).as("an edit of version 2").isEqualTo(3);
    }

    @Test
    @Step3
    @DisplayName("refuses an edit by anyone but the author, of a missing or deleted message, or of an old version")
    void refusedEdits() throws Exception {
        store.append("lobby", "ada", null, text("hi"));
        store.append("lobby", "ada", null, text("gone soon"));
        store.delete("lobby", 2, "ada");

        assertThatThrownBy(() -> store.edit("lobby", 1, "bob", text("mine now"), null))
                .isInstanceOfSatisfying(EditRefused.class, refusedBecause(EditRefused.Reason.NOT_AUTHOR));
        assertThatThrownBy(() -> store.edit("lobby", 9, "ada", text("?"), null))
                .isInstanceOfSatisfying(EditRefused.class, refusedBecause(EditRefused.Reason.NOT_FOUND));
        assertThatThrownBy(() -> store.edit("lobby", 2, "ada", text("back"), null))
                .isInstanceOfSatisfying(EditRefused.class, refusedBecause(EditRefused.Reason.DELETED));
        store.edit("lobby", 1, "ada", text("hi!"), 1L);
        assertThatThrownBy(() -> store.edit("lobby", 1, "ada", text("hi?"), 1L))
                .isInstanceOfSatisfying(EditRefused.class, refusedBecause(EditRefused.Reason.VERSION_CONFLICT));
        assertThat(rows("SELECT version FROM messages WHERE seq = 1")).as("changed once, by the allowed edit")
                .isEqualTo(2);
    }

    @Test
    @Step3
    @DisplayName("lets exactly one of 8 concurrent edits of the same version win")
    void concurrentEditsResolveByVersion() throws Exception {
        store.append("lobby", "ada", null, text("v1"));
        ExecutorService editors = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> edits = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                JsonNode data = text("edit " + i);
                edits.add(() -> {
                    try {
                        store.edit("lobby", 1, "ada", data, 1L);
                        return true;
                    } catch (EditRefused e) {
                        assertThat(e.reason()).isEqualTo(EditRefused.Reason.VERSION_CONFLICT);
                        return false;
                    }
                });
            }
            List<Boolean> won = new ArrayList<>();
            for (Future<Boolean> edit : editors.invokeAll(edits, 30, TimeUnit.SECONDS)) {
                won.add(edit.get());
            }
            assertThat(won).filteredOn(Boolean::booleanValue).as("edits of version 1 that won").hasSize(1);
            assertThat(rows("SELECT version FROM messages")).isEqualTo(2);
        } finally {
            editors.shutdownNow();
        }
    }

    @Test
    @Step3
    @DisplayName("deletes a message into a tombstone, and a second delete changes nothing")
    void deleteLeavesATombstone() throws Exception {
        store.append("lobby", "ada", null, text("oops"));

        Deleted deleted = store.delete("lobby", 1, "ada");
        Deleted again = store.delete("lobby", 1, "ada");

        assertThat(deleted.now()).isTrue();
        assertThat(deleted.tombstone().data()).as("no text left").isNull();
        assertThat(deleted.tombstone().deletedAt()).isEqualTo(NOW);
        assertThat(deleted.tombstone().version()).isEqualTo(2);
        assertThat(again.now()).as("deleted already").isFalse();
        assertThat(again.tombstone().version()).isEqualTo(2);
        assertThat(rows("SELECT count(*) FROM messages WHERE data IS NULL AND deleted_at IS NOT NULL"))
                .as("the row stays, as a tombstone").isEqualTo(1);
        assertThatThrownBy(() -> store.delete("lobby", 1, "bob"))
                .isInstanceOfSatisfying(EditRefused.class, refusedBecause(EditRefused.Reason.NOT_AUTHOR));
    }
}
