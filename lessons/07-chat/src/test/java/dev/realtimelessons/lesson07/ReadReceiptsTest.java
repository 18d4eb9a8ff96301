package dev.realtimelessons.lesson07;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.testing.steps.Step4;

@Tag("postgres")
@Step4
@DisplayName("Read receipts")
class ReadReceiptsTest {

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    private Database database;
    private MessageStore store;
    private ReadReceipts receipts;

    @BeforeEach
    void fiveMessages() throws Exception {
        database = Database.open(postgres.database(), 4);
        store = new MessageStore(database, Clock.systemUTC());
        receipts = new ReadReceipts(database);
        for (String author : new String[] {"ada", "bob", "bob", "ada", "bob"}) {
            store.append("lobby", author, null, JsonNodeFactory.instance.textNode("hi from " + author));
        }
    }

    @AfterEach
    void closeTheDatabase() {
        database.close();
    }

    @Test
    @DisplayName("move forward, and never back")
    void forwardOnly() throws Exception {
        assertThat(receipts.markRead("lobby", "ada", 3)).as("first read, to 3").isTrue();
        assertThat(receipts.markRead("lobby", "ada", 2)).as("a late read of 2").isFalse();
        assertThat(receipts.markRead("lobby", "ada", 3)).as("3 again").isFalse();
        assertThat(receipts.markRead("lobby", "ada", 5)).as("then 5").isTrue();
        assertThat(receipts.unread("lobby", "ada")).isZero();
    }

    @Test
    @DisplayName("refuse a seq beyond the room's latest message, or in a room without messages")
    void notBeyondTheLatest() {
        assertThatIllegalArgumentException().isThrownBy(() -> receipts.markRead("lobby", "ada", 6))
                .withMessageContaining("beyond");
        assertThatIllegalArgumentException().isThrownBy(() -> receipts.markRead("empty", "ada", 1));
    }

    @Test
    @DisplayName("count the others' messages after the last read, deleted ones left out")
    void unreadCounts() throws Exception {
        assertThat(receipts.unread("lobby", "ada")).as("bob's 2, 3 and 5; nothing read").isEqualTo(3);
        receipts.markRead("lobby", "ada", 2);
        assertThat(receipts.unread("lobby", "ada")).as("bob's 3 and 5").isEqualTo(2);
        store.delete("lobby", 5, "bob");
        assertThat(receipts.unread("lobby", "ada")).as("bob's 3: 5 was deleted").isEqualTo(1);
        assertThat(receipts.unread("lobby", "bob")).as("ada's 1 and 4").isEqualTo(2);
        assertThat(receipts.unread("nowhere", "bob")).isZero();
    }
}
