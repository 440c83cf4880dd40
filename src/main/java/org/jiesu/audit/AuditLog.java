package org.jiesu.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Append-only record of sensitive reads and administrative acts. */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Joins the caller's transaction, so an act that fails leaves no audit line claiming it happened. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String actor, String action, String subject, String detail) {
        jdbc.sql("insert into audit_entry (at, actor, action, subject, detail) values (?, ?, ?, ?, ?)")
                .params(java.sql.Timestamp.from(Instant.now(clock)), actor, action, subject, detail)
                .update();
    }

    /**
     * Records a fact that may be delivered more than once (by the event publication registry, after a crash): the
     * first delivery writes the line, later ones with the same key change nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordOnce(String key, Instant at, String actor, String action, String subject, String detail) {
        jdbc.sql("""
                        insert into audit_entry (at, actor, action, subject, detail, fact_key)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (fact_key) where fact_key is not null do nothing""")
                .params(java.sql.Timestamp.from(at), actor, action, subject, detail, key)
                .update();
    }

    public List<AuditEntry> recent(int limit) {
        return jdbc.sql("select id, at, actor, action, subject, detail from audit_entry order by id desc limit ?")
                .param(limit)
                .query((rs, n) -> new AuditEntry(
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)))
                .list();
    }
}
