package org.jiesu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

class DatabaseOutageCauseTest {

    @Test
    void aRollbackThatFindsThePoolsConnectionClosedIsAnOutage() {
        // What a commit on a connection the server dropped ends in: the rollback after it finds HikariCP's closed
        // connection, whose exception carries no SQLSTATE.
        assertThat(DatabaseOutage.isCause(new TransactionSystemException(
                        "JDBC rollback failed", new SQLException("Connection is closed"))))
                .isTrue();
        assertThat(DatabaseOutage.isCause(new SQLException("terminating connection", "57P01")))
                .isTrue();
    }

    @Test
    void aWrongStatementIsNoOutage() {
        assertThat(DatabaseOutage.isCause(new SQLException("syntax error", "42601")))
                .isFalse();
        assertThat(DatabaseOutage.isCause(
                        new TransactionSystemException("JDBC rollback failed", new SQLException("other"))))
                .isFalse();
    }
}
