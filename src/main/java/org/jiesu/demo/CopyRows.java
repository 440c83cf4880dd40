package org.jiesu.demo;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.postgresql.copy.CopyManager;

/**
 * Rows of one table in PostgreSQL's COPY text format, built in memory for one batch and sent with one {@code COPY
 * ... FROM STDIN}. Values are escaped as COPY expects; {@code null} is {@code \N}.
 */
final class CopyRows {

    private final String copy;
    private final StringBuilder text = new StringBuilder(1 << 16);
    private boolean lineStarted;
    private long rows;

    /** {@code table} with its column list, e.g. {@code request (id, text)}. */
    CopyRows(String tableAndColumns) {
        this.copy = "copy " + tableAndColumns + " from stdin";
    }

    CopyRows add(@Nullable String value) {
        separate();
        if (value == null) {
            text.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return this;
    }

    CopyRows add(long value) {
        separate();
        text.append(value);
        return this;
    }

    CopyRows add(double value) {
        separate();
        text.append(value);
        return this;
    }

    CopyRows add(boolean value) {
        separate();
        text.append(value ? 't' : 'f');
        return this;
    }

    /** A time stored to the second, as epoch seconds; {@code Long.MIN_VALUE} is null. */
    CopyRows time(long epochSecond) {
        if (epochSecond == Long.MIN_VALUE) {
            return add((String) null);
        }
        separate();
        text.append(Instant.ofEpochSecond(epochSecond));
        return this;
    }

    CopyRows date(@Nullable LocalDate date) {
        return add(date == null ? null : date.toString());
    }

    CopyRows nullValue() {
        return add((String) null);
    }

    void end() {
        text.append('\n');
        lineStarted = false;
        rows++;
    }

    private void separate() {
        if (lineStarted) {
            text.append('\t');
        }
        lineStarted = true;
    }

    long rowsInBatch() {
        return rows;
    }

    /** Sends the batch's rows and starts a new batch. */
    void send(CopyManager copyManager) throws SQLException, IOException {
        if (rows > 0) {
            copyManager.copyIn(copy, new StringReader(text.toString()));
        }
        rows = 0;
        text.setLength(0);
    }
}
