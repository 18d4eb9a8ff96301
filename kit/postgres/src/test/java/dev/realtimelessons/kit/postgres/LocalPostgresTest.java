package dev.realtimelessons.kit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("postgres")
@DisplayName("The local PostgreSQL")
class LocalPostgresTest {

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @Test
    @DisplayName("gives each test an empty database that takes tables and rows")
    void aDatabaseOfItsOwn() throws SQLException {
        try (Connection connection = postgres.server().connect(postgres.database());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (n int)");
            statement.execute("INSERT INTO t VALUES (1), (2)");
            try (ResultSet sum = statement.executeQuery("SELECT sum(n), current_database() FROM t")) {
                sum.next();
                assertThat(sum.getInt(1)).isEqualTo(3);
                assertThat(sum.getString(2)).isEqualTo(postgres.database().database());
            }
        }
    }

    @Test
    @DisplayName("refuses a database name it could not put into SQL safely")
    void safeNames() {
        assertThatIllegalArgumentException().isThrownBy(() -> postgres.server().createDatabase("x; DROP TABLE y"));
    }
}
