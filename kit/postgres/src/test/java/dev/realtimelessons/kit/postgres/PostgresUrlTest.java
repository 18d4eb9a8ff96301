package dev.realtimelessons.kit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A database URL")
class PostgresUrlTest {

    @Test
    @DisplayName("is read in the form hosts give, with its credentials decoded")
    void hostForm() {
        PostgresUrl url = PostgresUrl.parse("postgres://chat:p%40ss@db.local:6543/chat");

        assertThat(url).isEqualTo(new PostgresUrl("db.local", 6543, "chat", "chat", "p@ss"));
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:6543/chat");
    }

    @Test
    @DisplayName("is read as a JDBC URL, with PostgreSQL's port by default")
    void jdbcForm() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://localhost/chat?user=ada&password=secret");

        assertThat(url).isEqualTo(new PostgresUrl("localhost", 5432, "chat", "ada", "secret"));
    }

    @Test
    @DisplayName("never prints its password")
    void noPasswordInText() {
        assertThat(PostgresUrl.parse("postgresql://ada:secret@localhost/chat").toString())
                .isEqualTo("postgres://ada@localhost:5432/chat").doesNotContain("secret");
    }

    @Test
    @DisplayName("is refused without a database, or with another scheme")
    void refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> PostgresUrl.parse("postgres://localhost:5432"));
        assertThatIllegalArgumentException().isThrownBy(() -> PostgresUrl.parse("mysql://localhost/chat"));
    }
}
